/** The exit codes the CLI promises (CI scripts rely on them). */
export const exitCodes = {
  /** No finding at or above `--fail-on`. */
  clean: 0,
  findings: 1,
  /** A usage error, an unreadable path, or a file the checker failed on. */
  error: 2,
} as const;

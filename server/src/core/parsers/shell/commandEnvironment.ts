/**
 * What the wrappers before a command (`env`, `sudo`) do to the environment it runs with: the
 * variables they set (`env COMPOSE_PROJECT_NAME=ci docker compose up`, `sudo COMPOSE_FILE=a.yml
 * docker compose up`), and whether the environment around them reaches it at all.
 */

export interface CommandEnvironment {
  /** Set by a wrapper (`NAME=value` among its arguments), the last one winning. */
  set: Map<string, string>;
  /**
   * The environment around the command (its `VAR=x` prefixes, the script's exports) does not reach
   * it, but for the names `kept`: `env -i` starts from nothing; sudo runs the command in a new
   * environment (sudoers' `env_reset`, on by default, whose `env_keep` lists of Fedora, RHEL,
   * Debian and Ubuntu hold no `COMPOSE_*` name) unless `-E`/`--preserve-env` (all of it) or
   * `--preserve-env=A,B` (those).
   */
  reset?: { kept: Set<string> };
}

/** `env -i`, `env -`, `env --ignore-environment`: the command starts with no environment. */
const emptiesEnvironment = (word: string): boolean => word === '-' || word === '--ignore-environment' || /^-[^-]*i/.test(word);

/** sudo's options that keep the caller's environment: undefined when none does (the names kept, or 'all'). */
function sudoKeeps(words: readonly string[]): Set<string> | 'all' | undefined {
  for (const word of words) {
    if (word === '--preserve-env' || /^-[A-Za-z]*E/.test(word)) return 'all';
    if (word.startsWith('--preserve-env=')) return new Set(word.slice('--preserve-env='.length).split(','));
  }
  return undefined;
}

/** Takes one wrapper (`wrapper`, with the option and `NAME=value` words it was given, not its options' values) into `env`. */
export function wrapEnvironment(env: CommandEnvironment, wrapper: string, words: readonly string[]): void {
  const keeps = wrapper === 'sudo' ? (sudoKeeps(words) ?? new Set<string>()) : wrapper === 'env' && words.some(emptiesEnvironment) ? new Set<string>() : 'all';
  if (keeps !== 'all') {
    for (const name of env.set.keys()) if (!keeps.has(name)) env.set.delete(name);
    env.reset = { kept: env.reset ? new Set([...env.reset.kept].filter((n) => keeps.has(n))) : keeps };
  }
  for (const word of words) {
    const assignment = /^(\w+)=(.*)$/s.exec(word);
    if (assignment) env.set.set(assignment[1], assignment[2]);
  }
}

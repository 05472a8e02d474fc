/**
 * The options of `docker run`/`create` and `podman run`/`create` that take no value (docker/cli
 * `container_run.md`, podman `podman-run.1.md`): every other long option takes one, so an option's
 * value is never taken for the image, and parsing stops at the image (`php -v` after it is not a mount).
 */

/** Long options without a value (they may still be written `--opt=false`). */
export const booleanLongOptions = new Set([
  'detach', 'interactive', 'tty', 'privileged', 'rm', 'init', 'read-only', 'publish-all', 'no-healthcheck',
  'oom-kill-disable', 'disable-content-trust', 'sig-proxy', 'quiet', 'help', 'use-api-socket',
  // podman
  'replace', 'rmi', 'env-host', 'http-proxy', 'read-only-tmpfs', 'no-hosts', 'passwd', 'tls-verify', 'cgroupns-host',
  'image-volume-none', 'no-reset', 'preserve-fds-all', 'pull-always', 'rootfs', 'unsetenv-all', 'no-hostname',
  // docker compose run
  'no-deps', 'service-ports', 'use-aliases', 'remove-orphans', 'build', 'quiet-pull', 'quiet-build', 'no-TTY',
]);

/** Short options that take a value; the others (`-d`, `-i`, `-t`, `-P`, `-q`) are flags. */
export const valueShortOptions = new Set(['a', 'c', 'e', 'h', 'l', 'm', 'p', 'u', 'v', 'w']);

/** Global options placed before the subcommand that take a value (`docker -H host run`). */
export const globalValueOptions = new Set([
  'H', 'host', 'context', 'c', 'config', 'l', 'log-level', 'tlscacert', 'tlscert', 'tlskey',
  // podman
  'connection', 'url', 'identity', 'root', 'runroot', 'storage-driver', 'storage-opt', 'cgroup-manager',
  'events-backend', 'runtime', 'runtime-flag', 'network-cmd-path', 'network-config-dir', 'tmpdir', 'module',
  'conmon', 'hooks-dir', 'imagestore', 'registries-conf', 'ssh', 'volumepath', 'cdi-spec-dir', 'db-backend',
]);

/** Wrappers that run the command after their own options: `sudo -E docker run ...`. */
export const wrappers: Record<string, Set<string>> = {
  sudo: new Set(['u', 'g', 'h', 'p', 'C', 'D', 'r', 't', 'U', 'user', 'group', 'host', 'prompt', 'chdir', 'role', 'type', 'other-user']),
  doas: new Set(['u', 'C']),
  env: new Set(['u', 'C', 'unset', 'chdir', 'S', 'split-string']),
  exec: new Set(['a']),
  command: new Set([]),
  nohup: new Set([]),
  time: new Set(['f', 'o', 'format', 'output']),
  nice: new Set(['n', 'adjustment']),
  stdbuf: new Set(['i', 'o', 'e']),
  timeout: new Set(['s', 'k', 'signal', 'kill-after']),
  travis_retry: new Set([]),
  retry: new Set([]),
};

/** `docker compose` / `docker-compose` / `podman-compose` options before `run` that take a value. */
export const composeValueOptions = new Set([
  'f', 'file', 'p', 'project-name', 'profile', 'env-file', 'project-directory', 'workdir', 'ansi', 'progress', 'parallel', 'context', 'H', 'host',
  // podman-compose
  'podman-path', 'podman-args', 'podman-run-args', 'in-pod', 'pod-args', 'podman-pull-args', 'podman-build-args',
]);

/** `podman build` / `buildah bud|build|from` long options without a value (podman-build.1.md, buildah-build.1.md). */
export const booleanBuildOptions = new Set([
  'no-cache', 'rm', 'force-rm', 'quiet', 'squash', 'squash-all', 'layers', 'pull', 'compress', 'disable-compression',
  'tls-verify', 'no-hosts', 'no-hostname', 'omit-history', 'identity-label', 'stdin', 'all-platforms', 'disable-content-trust',
  'http-proxy', 'help', 'rewrite-timestamp', 'skip-unused-stages', 'inherit-labels', 'inherit-annotations', 'logsplit',
  'compat-volumes', 'privileged', 'read-only',
]);

/** Short options of `podman build` / `buildah` that take a value (`-f`, `-t`, `-v`...); `-q` is a flag. */
export const valueShortBuildOptions = new Set(['f', 't', 'v', 'c', 'm', 'o', 'e']);

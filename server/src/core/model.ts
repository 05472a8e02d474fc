/**
 * The one model every parser produces and every rule reads. Spans are UTF-16 offsets into the
 * analysed text, end-exclusive.
 */

export interface Span {
  start: number;
  end: number;
}

/** A replacement of `text[start, end)` by `newText`. */
export interface Edit extends Span {
  newText: string;
}

export type Relabel = 'z' | 'Z';
export type Engine = 'compose' | 'docker' | 'podman' | 'quadlet' | 'buildkit' | 'buildah' | 'unknown';
export type FileKind = 'compose' | 'quadlet' | 'quadlet-volume' | 'shell' | 'dockerfile' | 'markdown' | 'restructuredtext' | 'makefile' | 'ci' | 'devcontainer' | 'audit';
/** short: `SRC:DST[:OPTS]` (compose, `-v`, quadlet `Volume=`); long: compose maps; mount: `--mount` lists; run-mount: Dockerfile `RUN --mount`. */
export type MountSyntax = 'short' | 'long' | 'driver-opts' | 'mount' | 'run-mount';
/** host: a bind of a host path; named/anonymous: engine-managed volumes. */
export type SourceKind = 'host' | 'named' | 'anonymous';

export interface MountOption {
  word: string;
  span: Span;
}

export interface HostSource {
  /** The text as written (without quotes). */
  text: string;
  span: Span;
  /**
   * The path with what is static resolved (`${X:-./d}` → `./d`, `$HOME/x` → `~/x`, `${PWD}` → `.`);
   * unresolvable variables stay as written.
   */
  path: string;
  /** True when the path still holds a variable whose value the file does not tell. */
  dynamic: boolean;
  /** The project's `.env` values the path took (`DATA=./data from .env line 2`). */
  valueFrom?: string;
  /** A relative path the engine joins to the file's own folder (a quadlet unit's `Volume=` and `Mount=`), not to the folder a command runs in. */
  besideFile?: boolean;
  /**
   * A script's source as a path from the script's own folder (`data`, `../configs`) or from the
   * repository root (`<repository>/data`), where the script tells the folder it names: it `cd`s to
   * its own folder before a relative `./data` or `$(pwd)/data`, names that folder
   * (`$(dirname "$0")/data`), or starts with `$GITHUB_WORKSPACE` / `$CI_PROJECT_DIR`. The workspace
   * comparison puts it at the file's folder.
   */
  fromScript?: string;
}

/** Edits that change the mount's relabel option, each written in the mount's own syntax. */
export interface RelabelEditor {
  /** Adds the option; undefined when the syntax gives no place the engine would honour. */
  add(relabel: Relabel): Edit[] | undefined;
  /** Removes every relabel option of the mount. */
  remove(): Edit[] | undefined;
  /** Rewrites existing relabel options to `relabel`. */
  set(relabel: Relabel): Edit[] | undefined;
  /** What `add` writes, for the fix's title, when it is not the syntax's usual option. */
  describeAdd?(relabel: Relabel): string;
  /** False when `add` changes more than the relabel (a rewrite that loses an option): never applied unreviewed. */
  addIsSafe?: boolean;
}

export interface Mount {
  syntax: MountSyntax;
  kind: SourceKind;
  /** The whole mount entry as written. */
  span: Span;
  source?: HostSource;
  target?: { text: string; span: Span };
  options: MountOption[];
  /** The relabel words that the engine honours (z, Z, or long syntax `bind.selinux`). */
  relabels: MountOption[];
  /** Why a relabel that is written will not reach the engine (compose drops it). */
  ignoredRelabel?: { span: Span; reason: IgnoredRelabelReason; detail: string; fix?: () => Edit[] | undefined };
  readOnly: boolean;
  edits: RelabelEditor;
}

/**
 * mount-api: compose drops `bind.selinux` (Mount API); needs-create-host-path: compose before
 * v5.0.2 drops it; unknown-word: a misspelt relabel; not-a-bind: a relabel on a volume; rejected:
 * a relabel the engine refuses (docker `--mount`, BuildKit `RUN --mount`); runner-drops: the
 * GitHub Actions runner keeps only `ro` from a `volumes:` entry.
 */
export type IgnoredRelabelReason = 'mount-api' | 'needs-create-host-path' | 'unknown-word' | 'not-a-bind' | 'rejected' | 'runner-drops';

export interface Labeling {
  /** Labeling is off: the container runs unconfined (spc_t). */
  disabled: boolean;
  /** What turns it off (e.g. `privileged: true`, `label=disable`). */
  reason?: string;
  reasonSpan?: Span;
  /** An explicit `label=level:` value. */
  level?: string;
}

/** A `security_opt`/`--security-opt` entry or similar, kept for hover. */
export interface LabelOption {
  text: string;
  span: Span;
}

/** One container the file describes: a compose service, a `docker run`, a quadlet unit... */
export interface ContainerRun {
  name: string;
  nameSpan: Span;
  engine: Engine;
  labeling: Labeling;
  labelOptions: LabelOption[];
  mounts: Mount[];
  /** Edits that turn labeling off for this container (`security_opt: [label=disable]`). */
  disableLabeling(): Edit[] | undefined;
  /** How that edit reads, when it is not compose's `security_opt: [label=disable]`. */
  disableLabelingTitle?: string;
  /**
   * The statement that holds the container when it spans lines (a shell command continued with `\`):
   * a suppression comment goes above it, since a comment line inside would cut the command.
   */
  statement?: Span;
  /**
   * Why the host that runs this container has no SELinux (a GitHub-hosted runner), as a sentence
   * for the message: findings that matter only on an SELinux host are then information.
   */
  noSelinux?: string;
  /**
   * Runs of different groups never run together, so they share no host path: code blocks in
   * documentation are alternatives a reader picks from, not containers started side by side.
   */
  group?: number;
}

/** A command a build step runs, by the name it is called with. */
export interface CommandName {
  name: string;
  span: Span;
}

/** A base image (`FROM`), with static `ARG` defaults put in. */
export interface BaseImage {
  /** `name:tag` as resolved, e.g. `centos:6`. */
  ref: string;
  span: Span;
}

/** An AVC denial in an audit log, as the rules need it. */
export interface Denial {
  /** The `avc: denied { ... }` part of its line. */
  span: Span;
  comm?: string;
  permissions: string[];
  tclass?: string;
  name?: string;
  sourceType: string;
  targetType: string;
  /** The source is a confined container domain (`container_t` and kin). */
  container: boolean;
  kind: 'type-enforcement' | 'mcs' | 'engine-socket' | 'host-lost-access' | 'labels-match' | 'not-container';
  permissive: boolean;
}

export interface ParsedFile {
  kind: FileKind;
  runs: ContainerRun[];
  /**
   * The parser met a syntax error and read the rest as best it could. Findings stand, but no fix is
   * applied unreviewed (fix-all, --fix): on a guessed structure an edit can miss (a `bind:` key that
   * broken YAML does not attach to its mount) or change how the parser recovers elsewhere, so that
   * other findings come and go (found by test/property).
   */
  recovered?: boolean;
  /** Build files only: the commands their steps run, and their base images. */
  buildCommands?: CommandName[];
  baseImages?: BaseImage[];
  /** Audit logs only: the AVC denials they record. */
  denials?: Denial[];
  /** Scripts and Makefiles only: the project options (`-f`, `--env-file`, ...) of their compose commands. */
  composeFiles?: ComposeFileList[];
}

/**
 * The project options of one compose command: the files it names with `-f`/`--file`
 * (`docker compose -f a.yml -f b.yml up`) or `COMPOSE_FILE`, in order (none: the default files where
 * it runs), its `--env-file`s (or `COMPOSE_ENV_FILES`), its `--project-directory`, its project name, and where it runs
 * (`cd`: where the `cd`s before it went; none: the script's folder). Relative paths are from the
 * script's folder (a CI step's: the repository root).
 */
export interface ComposeFileList {
  files: string[];
  cd?: string;
  envFiles?: string[];
  projectDirectory?: string;
  /** `-p`/`--project-name`, else `COMPOSE_PROJECT_NAME` of its environment; null: only the run tells. */
  projectName?: string | null;
  /** `COMPOSE_DISABLE_ENV_FILE` is true in its environment: no default `.env`. */
  disableEnvFile?: boolean;
  /** Its subcommand creates or starts containers (`up`, `run`). */
  startsContainers?: boolean;
  /** Run by `podman-compose`, which names projects its own way. */
  podmanCompose?: boolean;
}

/**
 * Dev Container Features that turn SELinux labeling off for the dev container, read from their
 * own `devcontainer-feature.json` (devcontainers/features; the older microsoft/vscode-dev-containers
 * `script-library/container-features`):
 * - `docker-in-docker` sets `"privileged": true`, in every version of both repositories.
 * - `docker-outside-of-docker` sets `"securityOpt": ["label=disable"]` since devcontainers/features
 *   commit a9f7f0fb (2025-02-28, for podman, microsoft/vscode-remote-release#10706), first released
 *   as 1.6.1; 1.6.0 and older only bind the docker socket. Its `legacyIds` is `docker-from-docker`,
 *   so `ghcr.io/devcontainers/features/docker-from-docker` is the same Feature.
 * - The bare `docker-from-docker` id of vscode-dev-containers only binds the socket.
 */

/** What a Feature reference does to labeling, or undefined when it leaves it on. */
export function featureDisablesLabeling(ref: string): string | undefined {
  const m = /^(?:(.*)\/)?([\w.-]+?)(?:(?::([\w.-]+))|(?:@(sha256:[0-9a-f]+)))?$/i.exec(ref.trim());
  if (!m) return undefined;
  const [, namespace = '', id, tag] = m;
  const ours = namespace === '' || /^ghcr\.io\/devcontainers\/features$/i.test(namespace) || /microsoft\/vscode-dev-containers/i.test(namespace);
  if (!ours) return undefined;
  if (id === 'docker-in-docker') return 'the docker-in-docker Feature (it sets "privileged": true)';
  const outside = id === 'docker-outside-of-docker' || (id === 'docker-from-docker' && namespace !== '');
  if (outside && !pinnedBefore(tag, [1, 6, 1])) return `the ${id} Feature (it sets "securityOpt": ["label=disable"])`;
  return undefined;
}

/**
 * True when a version tag names only releases older than `first`. No tag, `latest`, a major or
 * minor tag that reaches `first`, and a digest (pinned by tools from a current tag) do not.
 */
function pinnedBefore(tag: string | undefined, first: number[]): boolean {
  if (!tag || !/^\d+(\.\d+){0,2}$/.test(tag)) return false;
  const parts = tag.split('.').map(Number);
  for (let i = 0; i < first.length; i++) {
    // A shorter tag floats to the newest release under it (`1.6` → 1.6.x, newest ≥ 1.6.1).
    if (i >= parts.length) return false;
    if (parts[i] !== first[i]) return parts[i] < first[i];
  }
  return false;
}

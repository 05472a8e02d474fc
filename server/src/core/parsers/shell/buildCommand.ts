/**
 * `podman build -v` and `buildah bud|build -v`: a bind into the container of every RUN step,
 * confined like any container, where buildah honours `z`/`Z` (reference §9b; docker build has
 * no `-v`). Only the options that matter to labeling are read, whatever the others' arity.
 */
import type { ContainerRun } from '../../model';
import { readRun, type RunContext } from './runCommand';
import type { Word } from './words';

/** The run a build command describes, when it binds host paths; `words` start at the engine. */
export function readBuild(head: string, words: Word[], ctx: Pick<RunContext, 'resolve' | 'statement'>): ContainerRun | undefined {
  const sub = words[1];
  const builds = (head === 'podman' && sub?.value === 'build') || (head === 'buildah' && (sub?.value === 'bud' || sub?.value === 'build'));
  if (!builds) return undefined;
  const kept: Word[] = [];
  const rest = words.slice(2);
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i].value;
    if (w === '-v' || w === '--volume' || w === '--security-opt') kept.push(rest[i], ...(rest[i + 1] ? [rest[++i]] : []));
    else if (/^(?:--volume|--security-opt)=/.test(w)) kept.push(rest[i]);
  }
  if (!kept.some((w) => /^(?:-v|--volume)/.test(w.value))) return undefined;
  const run = readRun({ engine: 'podman', engineWord: words[0], sub, rest: kept, resolve: ctx.resolve, statement: ctx.statement });
  run.name = `${head} ${sub.value}`;
  return run;
}

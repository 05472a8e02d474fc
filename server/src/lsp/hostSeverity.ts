// On an SELinux host the current label of a mounted path can settle whether the container is
// denied today: a path already labelled for containers (container_file_t:s0) turns missing-relabel
// into information. HostLabels caches the labels, so edits do not re-read them.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { judgeHostLabel, type Finding } from '../core';
import type { HostLabels } from './hostLabels';

export class HostSeverity {
  constructor(private readonly hostLabels: HostLabels) {}

  /** The findings, with missing-relabel lowered to info where the host label shows no denial. */
  async adjust(doc: TextDocument, findings: Finding[]): Promise<Finding[]> {
    if (!this.hostLabels.enabled() || !doc.uri.startsWith('file:')) return findings;
    return Promise.all(
      findings.map(async (f) => {
        const source = f.mount?.source;
        if (f.ruleId !== 'missing-relabel' || !f.mount || !f.run || !source || source.dynamic) return f;
        const where = this.hostLabels.hostPath(doc.uri, source.path);
        const label = where ? await this.hostLabels.label(where) : undefined;
        const verdict = label && where ? judgeHostLabel(label, where, f.mount, f.run) : undefined;
        if (!verdict || verdict.denied) return f;
        return { ...f, severity: 'info' as const, message: `${f.message} On this host it is labelled ${label} already, so nothing is denied today.` };
      }),
    );
  }
}

/**
 * Audit logs (`audit.log`, `ausearch` output): the AVC denials they record, each sorted by why it
 * happened, so that denials of container domains can be reported where the log is open.
 */
import { diagnoseDenial } from '../audit/hover';
import { fieldOf, isAuditLog, isAuditLogName, parseAuditLog } from '../audit/parse';
import type { Denial, ParsedFile } from '../model';
import type { SourceParser } from './parser';

export const auditParser: SourceParser = {
  kind: 'audit',
  languageIds: ['selinux-audit'],
  matchesName: isAuditLogName,
  matchesContent: (name, text) => isAuditLog(name, text),
  parse: (text): ParsedFile => ({ kind: 'audit', runs: [], denials: denials(text) }),
  // Audit logs have no comments: a finding there cannot be silenced in the file.
  commentPrefix: null,
};

function denials(text: string): Denial[] {
  const out: Denial[] = [];
  for (const record of parseAuditLog(text)) {
    const avc = record.avc;
    const diagnosis = avc && avc.result === 'denied' ? diagnoseDenial(avc) : undefined;
    if (!avc || !diagnosis) continue;
    out.push({
      span: avc.span,
      comm: fieldOf(avc.fields, 'comm'),
      permissions: avc.permissions,
      tclass: avc.tclass,
      name: fieldOf(avc.fields, 'name') ?? fieldOf(avc.fields, 'path'),
      sourceType: avc.scontext!.context!.type,
      targetType: avc.tcontext!.context!.type,
      container: diagnosis.container,
      kind: diagnosis.kind,
      permissive: !!avc.permissive,
    });
  }
  return out;
}

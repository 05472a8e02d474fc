import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ruleDocUrl, rules, type Finding, type Fix, type Severity } from '../../core';
import { regionOf, type CheckedFile, type Region } from '../report';
import { homepage, version } from '../version';

const level: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

/** Paths under the working directory stay relative (portable reports); others become file URLs. */
function artifactLocation(absolute: string, cwd: string): { uri: string; uriBaseId?: string } {
  const rel = path.relative(cwd, absolute);
  if (rel === '..' || rel.startsWith('..' + path.sep) || path.isAbsolute(rel)) {
    return { uri: pathToFileURL(absolute).href };
  }
  return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' };
}

function sarifRegion(r: Region): object {
  return { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn };
}

/**
 * The fixes that change the file: not the "ignore" suppression comment analyze appends to every
 * finding (consumers read SARIF fixes as proposed relabels), nor fixes that only explain.
 */
function editingFixes(f: Finding): Fix[] {
  return f.fixes.filter((fix) => !fix.suppression && fix.edits.some((e) => e.start !== e.end || e.newText));
}

/** SARIF 2.1.0, one run, for code-scanning uploads and scorers. */
export function formatSarif(files: readonly CheckedFile[], cwd: string): string {
  const results = files.flatMap((file) => {
    const location = artifactLocation(file.absolute, cwd);
    // Silenced findings stay in the log, marked as suppressed in the source with the comment's reason.
    return [...file.findings, ...file.suppressed].map((f) => {
      const fixes = editingFixes(f).map((fix) => ({
        description: { text: fix.title },
        artifactChanges: [
          {
            artifactLocation: location,
            replacements: fix.edits.map((e) => ({
              deletedRegion: sarifRegion(regionOf(file.lines, e)),
              insertedContent: { text: e.newText },
            })),
          },
        ],
      }));
      const ruleIndex = rules.findIndex((r) => r.meta.id === f.ruleId);
      const suppression = f.suppression && { kind: 'inSource', status: 'accepted', ...(f.suppression.justification ? { justification: f.suppression.justification } : {}) };
      return {
        ruleId: f.ruleId,
        ...(ruleIndex >= 0 ? { ruleIndex } : {}),
        level: level[f.severity],
        message: { text: f.message },
        locations: [
          { physicalLocation: { artifactLocation: location, region: sarifRegion(regionOf(file.lines, f.span)) } },
        ],
        ...(fixes.length ? { fixes } : {}),
        ...(suppression ? { suppressions: [suppression] } : {}),
      };
    });
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'selinux-mounts',
            version,
            informationUri: homepage,
            rules: rules.map(({ meta }) => ({
              id: meta.id,
              shortDescription: { text: meta.description },
              helpUri: ruleDocUrl(meta.id),
              help: { text: `${meta.description} See ${ruleDocUrl(meta.id)}` },
              defaultConfiguration: { level: level[meta.defaultSeverity] },
            })),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(path.join(cwd, path.sep)).href } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

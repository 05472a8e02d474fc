import { regionOf, type CheckedFile } from '../report';

/** XML text and attribute escaping; characters XML 1.0 cannot hold at all are dropped. */
function xml(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

/** Checkstyle's XML report, which Jenkins (warnings-ng), reviewdog and many CI dashboards read. */
export function formatCheckstyle(files: readonly CheckedFile[]): string {
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">\n';
  for (const file of files) {
    out += `  <file name="${xml(file.display)}">\n`;
    for (const f of file.findings) {
      const r = regionOf(file.lines, f.span);
      out += `    <error line="${r.line}" column="${r.column}" severity="${f.severity}" message="${xml(f.message)}" source="selinux-mounts.${xml(f.ruleId)}"/>\n`;
    }
    out += '  </file>\n';
  }
  return out + '</checkstyle>\n';
}

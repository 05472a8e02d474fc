import type { ContainerRun, Edit, Mount, Span } from './model';
import type { Severity } from './settings';

export interface Fix {
  title: string;
  edits: Edit[];
  /** The fix an editor should offer first. */
  isPreferred?: boolean;
  /** Safe to apply without review, so the fix-all action and `--fix` apply it. */
  safe: boolean;
  /** The fix only adds a `# selinux-mounts ignore=` comment: it silences, it does not repair. */
  suppression?: boolean;
}

export interface Finding {
  ruleId: string;
  messageId: string;
  message: string;
  severity: Severity;
  span: Span;
  /** Fixes in the order an editor should list them: preferred first, then the others, then "ignore". */
  fixes: Fix[];
  mount?: Mount;
  run?: ContainerRun;
  /** Set on the findings an ignore comment silenced (`AnalysisResult.suppressed`). */
  suppression?: { justification?: string };
}

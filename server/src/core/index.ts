/** The analysis core: a pure function of text and settings, shared by the server, the CLI and the tests. */
export { AnalysisCache } from './incremental/analysisCache';
export { analyze, isRecognisedName, maxTextLength, parseFile, parserFor, type AnalyzeOptions, type AnalysisResult } from './analyze';
export type { Finding, Fix } from './finding';
export { fixAll, safeEditsOf, safeFixEdits } from './fixAll';
export { completionsAt, type CompletionEntry } from './completion/completion';
export { hostBindAt, hoverAt, type HoverResult } from './hover';
export { judgeHostLabel, type HostLabelVerdict } from './hostLabel';
export type * from './model';
export { rules, ruleById } from './rules';
export { ruleDocUrl, type Rule, type RuleMeta } from './rules/rule';
export { defaultSettings, mergeSettings, normalizeSettings, partialSettings, type Settings, type Severity, type SeveritySetting } from './settings';
export { configFileNames, configKeys, parseProjectConfig, type ConfigError, type ProjectConfig } from './config';
export { globMatches } from './glob';
export { LineIndex, applyEdits, eolOf } from './text';
export { initShellParser, type ShellWasmPaths } from './parsers/shell/treeSitter';
export { ComposeProjects, type ComposeProjectView } from './project/projectView';
export { workspaceMountsOf, workspaceMountsOfText, type WorkspaceMount } from './project/workspaceMounts';
export type { ProjectFiles } from './project/projectFiles';

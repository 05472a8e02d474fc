// Real compose projects (test/fixtures/compose-projects) as an in-memory file set the tests edit.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { analyze, ComposeProjects, composeFileLists, parseFile, type AnalysisResult, type ComposeCommand, type ProjectFiles } from '../../server/src/core';

export const projectsRoot = path.resolve(__dirname, '../fixtures/compose-projects');

/** Every file of a fixture project, by absolute path. */
export function projectTexts(name: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(full.split(path.sep).join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(path.join(projectsRoot, name));
  return out;
}

export const at = (name: string, file: string): string => path.join(projectsRoot, name, file).split(path.sep).join('/');

/** Replaces one exact piece of a file's text; fails when the piece is not there once. */
export function edit(files: Map<string, string>, file: string, from: string, to: string): void {
  const text = files.get(file);
  if (text === undefined || text.split(from).length !== 2) throw new Error(`${from} is not in ${file} exactly once`);
  files.set(file, text.replace(from, to));
}

export function memoryFiles(files: Map<string, string>): ProjectFiles {
  return { read: (p) => files.get(p) };
}

/** Analyses one file of the set with its project, the way the hosts do. */
export function analyzeInProject(files: Map<string, string>, file: string, projects = new ComposeProjects(memoryFiles(files))): AnalysisResult {
  const text = files.get(file)!;
  return analyze(text, { fileName: file, project: projects.viewFor(file, text) });
}

export function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/**
 * The compose commands of a script, Makefile or CI file (by its name) at `dir`, each as the options
 * it gives its project: whether it starts containers is left out (tested apart).
 */
export function projectOptionsOf(text: string, dir: string, fileName: string): ComposeCommand[] {
  return composeFileLists(parseFile(text, { fileName }), dir).map(({ startsContainers: _, ...options }) => options);
}

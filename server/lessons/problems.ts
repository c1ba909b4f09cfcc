// What the lesson loader, the lint command and the scenario importer report: a problem an
// author has to fix, with the file and line where to fix it. Problems are collected rather than
// thrown, so one run lists them all.

export type Severity = 'error' | 'warning';

export interface Problem {
  /** Absolute path of the file. */
  file: string;
  /** 1-based; a problem with the file as a whole is on line 1. */
  line: number;
  message: string;
  severity: Severity;
}

/** A problem in a text, before the caller says which file; without a line, it is about all of it. */
export interface Finding {
  line?: number;
  message: string;
  severity: Severity;
}

/** A message at a line of a text, before the caller says which file and how serious. */
export interface Located {
  line: number;
  message: string;
}

export function error(file: string, line: number, message: string): Problem {
  return { file, line, message, severity: 'error' };
}

export function warning(file: string, line: number, message: string): Problem {
  return { file, line, message, severity: 'warning' };
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** By file, then line; the order lessons and files were read in does not matter. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

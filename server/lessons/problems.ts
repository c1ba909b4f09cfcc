// What the lesson loader, the lint command and the scenario importer report: a problem an
// author has to fix, with the file and line where to fix it. Problems are collected rather than
// thrown, so one run lists them all.

/** A message at a line of a text, before the caller says which file and how serious. */
export interface Located {
  line: number;
  message: string;
}

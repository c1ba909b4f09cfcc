// YAML that remembers where things are: parse errors and schema errors both come back with the
// line an author has to change, counted from the top of the file holding the YAML.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import type { Located } from './problems.js';

export interface YamlSource {
  /** The parsed value (undefined when the YAML does not parse). */
  value: unknown;
  /** YAML syntax errors. */
  problems: Located[];
  /** The line of the value at `path`, or of the nearest enclosing value that exists. */
  lineOf(path: readonly PropertyKey[]): number;
}

/** Parses `text`, whose first line is line `firstLine` of its file. */
export function parseYamlSource(text: string, firstLine = 1): YamlSource {
  const counter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
  const lineAt = (offset: number) => counter.linePos(offset).line + firstLine - 1;
  const problems: Located[] = doc.errors.map((e) => ({
    line: lineAt(e.pos[0]),
    message: `YAML: ${e.message.split('\n')[0]}`,
  }));
  const value = problems.length ? undefined : (doc.toJS() as unknown);

  const lineOf = (path: readonly PropertyKey[]): number => {
    let node: unknown = doc.contents;
    let line = firstLine;
    const nodeLine = (n: unknown) => {
      const range = (n as Node | null)?.range;
      return range ? lineAt(range[0]) : null;
    };
    line = nodeLine(node) ?? line;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
        if (!pair) break;
        // A mapping entry is reported at its key ("hints:" rather than the list below it).
        line = nodeLine(pair.key) ?? line;
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        const item = node.items[key];
        if (item === undefined) break;
        line = nodeLine(item) ?? line;
        node = item;
      } else break;
    }
    return line;
  };
  return { value, problems, lineOf };
}

/** Schema errors as located messages ("steps.2.checks.0.network: Invalid input ..."). */
export function schemaProblems(error: z.ZodError, source: YamlSource): Located[] {
  return error.issues.map((issue) => {
    const path: PropertyKey[] = [...issue.path];
    // An unknown key is best shown on its own line.
    if (issue.code === 'unrecognized_keys' && issue.keys.length) path.push(issue.keys[0] as string);
    const where = issue.path.length ? `${issue.path.map(String).join('.')}: ` : '';
    return { line: source.lineOf(path), message: `${where}${issue.message}` };
  });
}

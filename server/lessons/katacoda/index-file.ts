// Reads a scenario's index.json: JSON first (a scenario is JSON), then the schema, with each
// problem at its line. The same text read as YAML (JSON is YAML) gives the line of any value.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { error, type Problem } from '../problems.js';
import { parseYamlSource, schemaProblems, type YamlSource } from '../yaml-source.js';
import { SCENARIO_FILE, ScenarioSchema, type Scenario } from './scenario.js';

export type LineOf = YamlSource['lineOf'];

export interface ScenarioIndex {
  /** Absolute path of index.json. */
  file: string;
  /** Null when index.json is missing, is not JSON or does not pass the schema. */
  scenario: Scenario | null;
  /** The line of the value at a path in index.json. */
  lineOf: LineOf;
  problems: Problem[];
}

export async function readScenarioIndex(folder: string): Promise<ScenarioIndex> {
  const file = path.join(folder, SCENARIO_FILE);
  const failed = (message: string, line = 1): ScenarioIndex => ({
    file,
    scenario: null,
    lineOf: () => 1,
    problems: [error(file, line, message)],
  });
  const raw = await readFile(file, 'utf8').catch(() => null);
  if (raw === null) return failed(`missing: a scenario folder needs ${SCENARIO_FILE}`);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    return failed(`not valid JSON: ${(err as Error).message}`, jsonErrorLine(raw, err));
  }
  const located = parseYamlSource(raw);
  const lineOf: LineOf = (p) => (located.problems.length ? 1 : located.lineOf(p));
  const parsed = ScenarioSchema.safeParse(value);
  if (parsed.success) return { file, scenario: parsed.data, lineOf, problems: [] };
  const problems = schemaProblems(parsed.error, located).map((p) => error(file, p.line, p.message));
  return { file, scenario: null, lineOf, problems };
}

/** The line JSON.parse names in its message, by character position or by line. */
function jsonErrorLine(raw: string, err: unknown): number | undefined {
  const message = (err as Error).message;
  const position = /position (\d+)/.exec(message)?.[1];
  if (position !== undefined) return raw.slice(0, Number(position)).split('\n').length;
  const line = /line (\d+)/.exec(message)?.[1];
  return line ? Number(line) : undefined;
}

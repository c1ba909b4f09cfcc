// Reads and checks a lesson's lesson.yaml: its schema, the id against the folder's name, step
// ids, hosts and panes, and the images its solutions and checks use. The step ids and pane
// count are kept even from a lesson.yaml with errors, so the language files are still checked.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ImageUseAt } from './image-checks.js';
import { imagesInCommand } from './images.js';
import { error, type Problem } from './problems.js';
import { LESSON_FILE, LessonSourceSchema, type LessonSource } from './source.js';
import { parseYamlSource, schemaProblems, type YamlSource } from './yaml-source.js';

/** What the language files are checked against, even when lesson.yaml has errors. */
export interface Shape {
  stepIds: string[];
  paneCount: number | null;
}

type LineOf = YamlSource['lineOf'];

export interface LessonYaml {
  /** Absolute path of lesson.yaml. */
  file: string;
  /** lesson.yaml as its schema reads it; null when it is missing or does not pass. */
  source: LessonSource | null;
  /** The line of the value at a path in lesson.yaml. */
  lineOf: LineOf;
  shape: Shape;
  problems: Problem[];
  /** Images the solutions and checks use. */
  uses: ImageUseAt[];
}

/** Reads `<folder>/lesson.yaml` with every problem it has. */
export async function readLessonYaml(folder: string): Promise<LessonYaml> {
  const file = path.join(folder, LESSON_FILE);
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) {
    const problems = [error(file, 1, `missing: every lesson folder needs ${LESSON_FILE}`)];
    return { file, source: null, lineOf: () => 1, shape: salvageShape(undefined), problems, uses: [] };
  }
  const yaml = parseYamlSource(text);
  const { source, problems } = parseSource(file, yaml);
  if (!source)
    return { file, source, lineOf: yaml.lineOf, shape: salvageShape(yaml.value), problems, uses: [] };
  const shape = { stepIds: source.steps.map((s) => s.id), paneCount: source.panes.length };
  const uses: ImageUseAt[] = [];
  problems.push(
    ...checkId(file, folder, source, yaml.lineOf),
    ...checkSteps(file, source, yaml.lineOf, uses),
    ...checkHostsAndPanes(file, source, yaml.lineOf),
  );
  return { file, source, lineOf: yaml.lineOf, shape, problems, uses };
}

/** The YAML's syntax, then its schema. */
function parseSource(file: string, yaml: YamlSource): { source: LessonSource | null; problems: Problem[] } {
  const problems = yaml.problems.map((p) => error(file, p.line, p.message));
  if (yaml.problems.length) return { source: null, problems };
  const parsed = LessonSourceSchema.safeParse(yaml.value);
  if (parsed.success) return { source: parsed.data, problems };
  problems.push(...schemaProblems(parsed.error, yaml).map((p) => error(file, p.line, p.message)));
  return { source: null, problems };
}

/** The step ids and pane count of a lesson.yaml that did not pass its schema, as far as they go. */
function salvageShape(value: unknown): Shape {
  const v = (value ?? {}) as { steps?: unknown; panes?: unknown };
  const steps = Array.isArray(v.steps) ? v.steps : [];
  const stepIds = steps
    .map((s) => (s && typeof s === 'object' ? (s as { id?: unknown }).id : undefined))
    .filter((id): id is string => typeof id === 'string');
  return { stepIds, paneCount: Array.isArray(v.panes) ? v.panes.length : null };
}

function checkId(file: string, folder: string, source: LessonSource, at: LineOf): Problem[] {
  const folderName = path.basename(folder);
  if (source.id === folderName) return [];
  return [error(file, at(['id']), `id "${source.id}" must be the folder's name, "${folderName}"`)];
}

/** Step ids are unique; the images of solutions and checks are noted in `uses`. */
function checkSteps(file: string, source: LessonSource, at: LineOf, uses: ImageUseAt[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  source.steps.forEach((step, i) => {
    const line = at(['steps', i, 'id']);
    const first = seen.get(step.id);
    if (first !== undefined)
      problems.push(error(file, line, `duplicate step id "${step.id}" (first on line ${first})`));
    else seen.set(step.id, line);
    step.solution.forEach((cmd, k) => {
      for (const use of imagesInCommand(cmd))
        uses.push({ ...use, file, line: at(['steps', i, 'solution', k]) });
    });
    step.checks.forEach((check, k) => {
      if (check.type === 'container_uses_image' || check.type === 'image_present') {
        uses.push({ image: check.image, made: false, file, line: at(['steps', i, 'checks', k, 'image']) });
      }
    });
  });
  return problems;
}

/** Hosts are unique, and every pane is on one of them. */
function checkHostsAndPanes(file: string, source: LessonSource, at: LineOf): Problem[] {
  const problems: Problem[] = [];
  const hosts = new Set<string>();
  source.hosts.forEach((host, i) => {
    if (hosts.has(host)) problems.push(error(file, at(['hosts', i]), `host "${host}" is listed twice`));
    hosts.add(host);
  });
  source.panes.forEach((pane, i) => {
    if (!hosts.has(pane.host)) {
      const message = `pane ${i + 1} is on host "${pane.host}", which is not in hosts`;
      problems.push(error(file, at(['panes', i, 'host']), message));
    }
  });
  return problems;
}

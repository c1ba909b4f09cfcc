// Reads and checks one language file of a lesson, `<language>.md`: its front matter (title and
// summary), the intro, and one `## ` section per step of lesson.yaml with the step's text and
// hints. Each problem is reported at the line an author has to change.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LANGUAGE_NAMES, type Block, type Language } from '../../common/lesson.js';
import type { ImageUseAt } from './image-checks.js';
import { imagesInCommand, imagesInDockerfileLines } from './images.js';
import type { Shape } from './lesson-yaml.js';
import { extractHints, splitFrontMatter, splitSections, type FrontMatter, type Section } from './markdown.js';
import { parseBlocks, type LocatedCommand } from './markdown-blocks.js';
import { error, warning, type Located, type Problem } from './problems.js';
import { LESSON_FILE, TranslationSourceSchema } from './source.js';
import { parseYamlSource, schemaProblems } from './yaml-source.js';

export interface TranslatedStep {
  title: string;
  text: Block[];
  hints: Block[][];
  /** Line of the step's `## ` heading. */
  line: number;
}

export interface Translation {
  language: Language;
  file: string;
  title: string;
  summary: string;
  intro: Block[];
  steps: Map<string, TranslatedStep>;
}

/** One language file being read: where its problems and image uses go. */
interface Reading {
  file: string;
  /** The language's English name, as messages give it. */
  name: string;
  shape: Shape;
  problems: Problem[];
  uses: ImageUseAt[];
}

/**
 * Reads `<folder>/<language>.md`, checked against lesson.yaml's `shape`; problems and the images
 * its commands use are added to `problems` and `uses`. Null when the file is missing.
 */
export async function loadTranslation(
  folder: string,
  language: Language,
  shape: Shape,
  problems: Problem[],
  uses: ImageUseAt[],
): Promise<Translation | null> {
  const file = path.join(folder, `${language}.md`);
  const r: Reading = { file, name: LANGUAGE_NAMES[language].english, shape, problems, uses };
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) {
    problems.push(error(file, 1, `missing: the lesson has no ${r.name} text (${language}.md)`));
    return null;
  }
  const fm = splitFrontMatter(text);
  // Dockerfiles shown in the text (a heredoc or a code block) pull their FROM images too.
  for (const { image, line } of imagesInDockerfileLines(text))
    r.uses.push({ image, made: false, file: r.file, line });
  const { title, summary } = readFrontMatter(r, fm);
  const { intro, sections } = splitSections(fm.body, fm.bodyLine);
  const introBlocks = readIntro(r, intro.markdown, intro.line);
  const steps = readSteps(r, sections);
  reportMissingSteps(r, steps, lastLine(fm));
  reportStepOrder(r, sections, steps);
  return { language, file, title, summary, intro: introBlocks, steps };
}

function located(r: Reading, list: readonly Located[]): Problem[] {
  return list.map((p) => error(r.file, p.line, p.message));
}

function readFrontMatter(r: Reading, fm: FrontMatter): { title: string; summary: string } {
  const none = { title: '', summary: '' };
  if (fm.yaml === null) {
    r.problems.push(
      error(r.file, 1, 'no front matter: start the file with a "---" line, title:, summary: and "---"'),
    );
    return none;
  }
  const ys = parseYamlSource(fm.yaml, fm.yamlLine);
  r.problems.push(...located(r, ys.problems));
  if (ys.problems.length) return none;
  const parsed = TranslationSourceSchema.safeParse(ys.value ?? {});
  if (parsed.success) return { title: parsed.data.title, summary: parsed.data.summary };
  r.problems.push(...located(r, schemaProblems(parsed.error, ys)));
  return none;
}

/** Markdown as blocks, with its problems reported and its commands checked. */
function blocksOf(r: Reading, markdown: string, line: number): Block[] {
  const parsed = parseBlocks(markdown, line);
  r.problems.push(...located(r, parsed.problems));
  checkCommands(r, parsed.commands);
  return parsed.blocks;
}

/** A command's pane must exist; the images it uses are noted. */
function checkCommands(r: Reading, commands: readonly LocatedCommand[]): void {
  const panes = r.shape.paneCount;
  for (const { line, command } of commands) {
    if (command.action === 'exec' && panes !== null && command.pane > panes) {
      r.problems.push(
        error(
          r.file,
          line,
          `{{exec T${command.pane}}} names pane ${command.pane}, but the lesson has ${panes} pane${panes === 1 ? '' : 's'}`,
        ),
      );
    }
    for (const use of imagesInCommand(command.text)) r.uses.push({ ...use, file: r.file, line });
  }
}

function readIntro(r: Reading, markdown: string, line: number): Block[] {
  const { text, hints } = extractHints(markdown, line);
  for (const h of hints)
    r.problems.push(error(r.file, h.line, 'a hint must be inside a step (under its ## heading)'));
  return blocksOf(r, text, line);
}

/** The sections that are steps of lesson.yaml, each once; the others are reported. */
function readSteps(r: Reading, sections: readonly Section[]): Map<string, TranslatedStep> {
  const steps = new Map<string, TranslatedStep>();
  const known = new Set(r.shape.stepIds);
  const list = [...known].map((id) => `"${id}"`).join(', ') || 'none';
  for (const section of sections) {
    if (!known.has(section.id)) {
      const message = section.explicitId
        ? `unknown step id "${section.id}" (${LESSON_FILE} has ${list})`
        : `heading "${section.title}" names no step: end it with {#step-id} (${LESSON_FILE} has ${list})`;
      r.problems.push(error(r.file, section.line, message));
      continue;
    }
    const first = steps.get(section.id);
    if (first) {
      const message = `step "${section.id}" appears twice (first on line ${first.line})`;
      r.problems.push(error(r.file, section.line, message));
      continue;
    }
    steps.set(section.id, readStep(r, section));
  }
  return steps;
}

/** A step's title, text and hints, none of which may be empty. */
function readStep(r: Reading, section: Section): TranslatedStep {
  const at = (message: string) => r.problems.push(error(r.file, section.line, message));
  if (!section.title) at(`step "${section.id}" has no title in ${r.name}`);
  const { text: body, hints } = extractHints(section.markdown, section.markdownLine);
  const blocks = blocksOf(r, body, section.markdownLine);
  if (!blocks.length) at(`step "${section.id}" has no text in ${r.name}`);
  if (!hints.length) at(`step "${section.id}" has no hints in ${r.name} (add a "> [!hint]" blockquote)`);
  const hintBlocks = hints.map((hint, k) => {
    const b = blocksOf(r, hint.markdown, hint.line);
    if (!b.length)
      r.problems.push(error(r.file, hint.line, `hint ${k + 1} of step "${section.id}" is empty`));
    return b;
  });
  return { title: section.title, text: blocks, hints: hintBlocks, line: section.line };
}

/** Line of the body's last line that is not blank. */
function lastLine(fm: FrontMatter): number {
  return fm.bodyLine + fm.body.replace(/\s+$/, '').split('\n').length - 1;
}

/** A step the file lacks is reported where it belongs: at the next step it has, or at its end. */
function reportMissingSteps(r: Reading, steps: ReadonlyMap<string, TranslatedStep>, end: number): void {
  const ids = r.shape.stepIds;
  ids.forEach((id, i) => {
    if (steps.has(id)) return;
    const next = ids.slice(i + 1).find((later) => steps.has(later));
    const line = next ? (steps.get(next)?.line ?? end) : end;
    r.problems.push(error(r.file, line, `step "${id}" has no text in ${r.name}`));
  });
}

/** The lesson's order is lesson.yaml's; a file in another order confuses translators. */
function reportStepOrder(
  r: Reading,
  sections: readonly Section[],
  steps: ReadonlyMap<string, TranslatedStep>,
): void {
  const present = sections.filter((s) => r.shape.stepIds.includes(s.id)).map((s) => s.id);
  const expected = r.shape.stepIds.filter((id) => present.includes(id));
  const wrong = present.findIndex((id, i) => id !== expected[i]);
  if (wrong < 0 || new Set(present).size !== present.length) return;
  const id = present[wrong] ?? '';
  r.problems.push(
    warning(
      r.file,
      steps.get(id)?.line ?? 1,
      `step "${id}" is out of order: ${LESSON_FILE} has ${expected.join(', ')}`,
    ),
  );
}

/** A step with a different number of hints in another language: probably one forgotten. */
export function compareHintCounts(translations: readonly Translation[], shape: Shape): Problem[] {
  const [base, ...others] = translations;
  if (!base) return [];
  const problems: Problem[] = [];
  for (const id of shape.stepIds) {
    const count = base.steps.get(id)?.hints.length;
    for (const t of others) {
      const step = t.steps.get(id);
      if (count === undefined || !step || !count || !step.hints.length || step.hints.length === count)
        continue;
      problems.push(
        warning(
          t.file,
          step.line,
          `step "${id}" has ${step.hints.length} hints in ${LANGUAGE_NAMES[t.language].english} but ${count} in ${LANGUAGE_NAMES[base.language].english}`,
        ),
      );
    }
  }
  return problems;
}

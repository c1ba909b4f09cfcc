// Reads lessons/<id>/ folders: lesson.yaml (what every language shares) and one Markdown file
// per language, checks everything an author can get wrong, and merges them into `Lesson`s.
// Every problem is collected with its file and line rather than stopping at the first, so the
// lint command can list them all; a lesson with an error is left out of the result.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  LANGUAGE_NAMES,
  LANGUAGES,
  LessonSchema,
  type Block,
  type Language,
  type Lesson,
  type Step,
} from '../../common/lesson.js';
import { DEFAULT_ORDER, type FolderResult, type LoadOptions } from './folder-result.js';
import { notBuilt, type ImageUseAt } from './image-checks.js';
import { canonicalImage, familiarImage, imagesInCommand, playgroundImages } from './images.js';
import { isScenarioFolder, loadScenarioFolder } from './katacoda/folder.js';
import { extractHints, splitFrontMatter, splitSections } from './markdown.js';
import { parseBlocks, type LocatedCommand } from './markdown-blocks.js';
import { error, sortProblems, warning, type Located, type Problem } from './problems.js';
import { LESSON_FILE, LessonSourceSchema, TranslationSourceSchema, type LessonSource } from './source.js';
import { parseYamlSource, schemaProblems, type YamlSource } from './yaml-source.js';

/** The lessons that ship with the playground. */
export const LESSONS_DIR = fileURLToPath(new URL('../../lessons/', import.meta.url));

export interface LoadResult {
  /** Lessons without errors, in catalogue order. */
  lessons: Lesson[];
  problems: Problem[];
}

/** Loads every lesson folder under `dir` (folders only; files such as README.md are skipped). */
export async function loadLessons(dir: string = LESSONS_DIR, options: LoadOptions = {}): Promise<LoadResult> {
  const images = options.images ?? playgroundImages();
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    const problem = { file: dir, line: 1, message: `cannot read the lessons folder: ${String(err)}` };
    return { lessons: [], problems: [{ ...problem, severity: 'error' }] };
  }
  const folders = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  // Katacoda/Killercoda scenario folders come after the native lessons, in name order.
  const scenarios = new Set<string>();
  for (const name of folders) if (await isScenarioFolder(path.join(dir, name))) scenarios.add(name);
  const results = await Promise.all(
    folders.map((name) =>
      scenarios.has(name)
        ? loadScenarioFolder(path.join(dir, name), DEFAULT_ORDER + [...scenarios].indexOf(name), { images })
        : loadLessonFolder(path.join(dir, name), { images }),
    ),
  );
  const problems = results.flatMap((r) => r.problems);

  const byId = new Map<string, FolderResult>();
  const byOrder = new Map<number, FolderResult>();
  for (const r of results) {
    const file = path.join(r.folder, LESSON_FILE);
    if (r.id !== undefined) {
      const other = byId.get(r.id);
      if (other)
        problems.push(error(file, 1, `lesson id "${r.id}" is also used by ${path.basename(other.folder)}/`));
      else byId.set(r.id, r);
    }
    if (r.order !== undefined) {
      const other = byOrder.get(r.order);
      if (other) {
        problems.push(
          error(file, r.orderLine, `order ${r.order} is also the order of ${path.basename(other.folder)}/`),
        );
      } else byOrder.set(r.order, r);
    }
  }
  const failed = new Set(problems.filter((p) => p.severity === 'error').map((p) => path.dirname(p.file)));
  const lessons = results
    .filter((r) => r.lesson && !failed.has(r.folder))
    .map((r) => r.lesson as Lesson)
    .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  return { lessons, problems: sortProblems(problems) };
}

/** What the language files are checked against, even when lesson.yaml has errors. */
interface Shape {
  stepIds: string[];
  paneCount: number | null;
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

interface Translation {
  language: Language;
  file: string;
  title: string;
  summary: string;
  intro: Block[];
  steps: Map<string, { title: string; text: Block[]; hints: Block[][]; line: number }>;
}

async function readText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return null;
  }
}

/** Loads and checks one lesson folder. */
export async function loadLessonFolder(folder: string, options: LoadOptions = {}): Promise<FolderResult> {
  const images = options.images ?? playgroundImages();
  const problems: Problem[] = [];
  const yamlFile = path.join(folder, LESSON_FILE);
  const result: FolderResult = { folder, problems, orderLine: 1 };

  // lesson.yaml
  const yamlText = await readText(yamlFile);
  let source: LessonSource | null = null;
  let yaml: YamlSource | null = null;
  if (yamlText === null) {
    problems.push(error(yamlFile, 1, `missing: every lesson folder needs ${LESSON_FILE}`));
  } else {
    yaml = parseYamlSource(yamlText);
    problems.push(...yaml.problems.map((p) => error(yamlFile, p.line, p.message)));
    if (!yaml.problems.length) {
      const parsed = LessonSourceSchema.safeParse(yaml.value);
      if (parsed.success) source = parsed.data;
      else
        problems.push(...schemaProblems(parsed.error, yaml).map((p) => error(yamlFile, p.line, p.message)));
    }
  }
  const shape: Shape = source
    ? { stepIds: source.steps.map((s) => s.id), paneCount: source.panes.length }
    : salvageShape(yaml?.value);
  const uses: ImageUseAt[] = [];

  if (source && yaml) {
    const at = yaml.lineOf;
    result.id = source.id;
    result.order = source.order;
    result.orderLine = at(['order']);
    const folderName = path.basename(folder);
    if (source.id !== folderName) {
      problems.push(
        error(yamlFile, at(['id']), `id "${source.id}" must be the folder's name, "${folderName}"`),
      );
    }
    const seen = new Map<string, number>();
    source.steps.forEach((step, i) => {
      const line = at(['steps', i, 'id']);
      const first = seen.get(step.id);
      if (first !== undefined)
        problems.push(error(yamlFile, line, `duplicate step id "${step.id}" (first on line ${first})`));
      else seen.set(step.id, line);
      step.solution.forEach((cmd, k) => {
        for (const use of imagesInCommand(cmd))
          uses.push({ ...use, file: yamlFile, line: at(['steps', i, 'solution', k]) });
      });
      step.checks.forEach((check, k) => {
        if (check.type === 'container_uses_image' || check.type === 'image_present') {
          uses.push({
            image: check.image,
            made: false,
            file: yamlFile,
            line: at(['steps', i, 'checks', k, 'image']),
          });
        }
      });
    });
    const hostSeen = new Set<string>();
    source.hosts.forEach((host, i) => {
      if (hostSeen.has(host))
        problems.push(error(yamlFile, at(['hosts', i]), `host "${host}" is listed twice`));
      hostSeen.add(host);
    });
    source.panes.forEach((pane, i) => {
      if (!hostSeen.has(pane.host)) {
        problems.push(
          error(
            yamlFile,
            at(['panes', i, 'host']),
            `pane ${i + 1} is on host "${pane.host}", which is not in hosts`,
          ),
        );
      }
    });
  }

  // The language files.
  const translations: Translation[] = [];
  const written = source?.languages ?? LANGUAGES;
  for (const language of written) {
    const t = await loadTranslation(folder, language, shape, problems, uses);
    if (t) translations.push(t);
  }
  for (const name of (await readdir(folder).catch(() => [] as string[])).sort()) {
    const lang = name.endsWith('.md') ? name.slice(0, -3) : null;
    if (lang !== null && !(LANGUAGES as readonly string[]).includes(lang)) {
      problems.push(
        warning(
          path.join(folder, name),
          1,
          `"${lang}" is not a lesson language (${LANGUAGES.join(', ')}); ignored`,
        ),
      );
    }
  }
  compareHintCounts(translations, shape, problems);

  // Images: every one used must be built by the playground (or made by the lesson), and listed.
  if (source && yaml) {
    const made = new Set(uses.filter((u) => u.made).map((u) => canonicalImage(u.image)));
    const listed = new Map<string, number>();
    source.images.forEach((image, i) => {
      const c = canonicalImage(image);
      const line = yaml.lineOf(['images', i]);
      if (listed.has(c)) problems.push(warning(yamlFile, line, `image "${image}" is listed twice`));
      listed.set(c, line);
      if (!images.has(c) && !made.has(c)) problems.push(error(yamlFile, line, notBuilt(image, images)));
    });
    const used = new Set<string>();
    for (const use of uses.filter((u) => !u.made)) {
      const c = canonicalImage(use.image);
      used.add(c);
      if (made.has(c)) continue;
      if (!images.has(c)) problems.push(error(use.file, use.line, notBuilt(use.image, images)));
      else if (!listed.has(c)) {
        problems.push(
          error(use.file, use.line, `image "${use.image}" is used but not listed in ${LESSON_FILE} images`),
        );
      }
    }
    for (const [c, line] of listed) {
      if (!used.has(c) && !made.has(c)) {
        problems.push(
          warning(yamlFile, line, `image "${familiarImage(c)}" is listed but no command or check uses it`),
        );
      }
    }
  }

  if (source && translations.length === written.length && !problems.some((p) => p.severity === 'error')) {
    const lesson = assemble(source, translations);
    const checked = LessonSchema.safeParse(lesson);
    if (checked.success) result.lesson = checked.data;
    else
      problems.push(
        ...checked.error.issues.map((i) => error(yamlFile, 1, `${i.path.join('.')}: ${i.message}`)),
      );
  }
  return result;
}

async function loadTranslation(
  folder: string,
  language: Language,
  shape: Shape,
  problems: Problem[],
  uses: ImageUseAt[],
): Promise<Translation | null> {
  const file = path.join(folder, `${language}.md`);
  const name = LANGUAGE_NAMES[language].english;
  const text = await readText(file);
  if (text === null) {
    problems.push(error(file, 1, `missing: the lesson has no ${name} text (${language}.md)`));
    return null;
  }
  const located = (list: Located[]) => list.map((p) => error(file, p.line, p.message));
  const fm = splitFrontMatter(text);
  let title = '';
  let summary = '';
  if (fm.yaml === null) {
    problems.push(
      error(file, 1, 'no front matter: start the file with a "---" line, title:, summary: and "---"'),
    );
  } else {
    const ys = parseYamlSource(fm.yaml, fm.yamlLine);
    problems.push(...located(ys.problems));
    if (!ys.problems.length) {
      const parsed = TranslationSourceSchema.safeParse(ys.value ?? {});
      if (parsed.success) ({ title, summary } = parsed.data);
      else problems.push(...located(schemaProblems(parsed.error, ys)));
    }
  }

  const checkCommands = (commands: LocatedCommand[]) => {
    for (const { line, command } of commands) {
      if (command.action === 'exec' && shape.paneCount !== null && command.pane > shape.paneCount) {
        problems.push(
          error(
            file,
            line,
            `{{exec T${command.pane}}} names pane ${command.pane}, but the lesson has ${shape.paneCount} pane${shape.paneCount === 1 ? '' : 's'}`,
          ),
        );
      }
      for (const use of imagesInCommand(command.text)) uses.push({ ...use, file, line });
    }
  };
  const blocksOf = (markdown: string, line: number) => {
    const parsed = parseBlocks(markdown, line);
    problems.push(...located(parsed.problems));
    checkCommands(parsed.commands);
    return parsed.blocks;
  };

  const { intro, sections } = splitSections(fm.body, fm.bodyLine);
  const introHints = extractHints(intro.markdown, intro.line);
  for (const h of introHints.hints)
    problems.push(error(file, h.line, 'a hint must be inside a step (under its ## heading)'));
  const introBlocks = blocksOf(introHints.text, intro.line);

  const steps: Translation['steps'] = new Map();
  const known = new Set(shape.stepIds);
  const list = [...known].map((id) => `"${id}"`).join(', ') || 'none';
  for (const section of sections) {
    if (!known.has(section.id)) {
      problems.push(
        error(
          file,
          section.line,
          section.explicitId
            ? `unknown step id "${section.id}" (${LESSON_FILE} has ${list})`
            : `heading "${section.title}" names no step: end it with {#step-id} (${LESSON_FILE} has ${list})`,
        ),
      );
      continue;
    }
    const first = steps.get(section.id);
    if (first) {
      problems.push(
        error(file, section.line, `step "${section.id}" appears twice (first on line ${first.line})`),
      );
      continue;
    }
    if (!section.title)
      problems.push(error(file, section.line, `step "${section.id}" has no title in ${name}`));
    const { text: body, hints } = extractHints(section.markdown, section.markdownLine);
    const blocks = blocksOf(body, section.markdownLine);
    if (!blocks.length)
      problems.push(error(file, section.line, `step "${section.id}" has no text in ${name}`));
    if (!hints.length) {
      problems.push(
        error(
          file,
          section.line,
          `step "${section.id}" has no hints in ${name} (add a "> [!hint]" blockquote)`,
        ),
      );
    }
    const hintBlocks = hints.map((hint, k) => {
      const b = blocksOf(hint.markdown, hint.line);
      if (!b.length) problems.push(error(file, hint.line, `hint ${k + 1} of step "${section.id}" is empty`));
      return b;
    });
    steps.set(section.id, { title: section.title, text: blocks, hints: hintBlocks, line: section.line });
  }

  // Steps the file lacks are reported where they belong: at the next step it has, or at its end.
  const lastLine = fm.bodyLine + fm.body.replace(/\s+$/, '').split('\n').length - 1;
  shape.stepIds.forEach((id, i) => {
    if (steps.has(id)) return;
    const next = shape.stepIds.slice(i + 1).find((later) => steps.has(later));
    const line = next ? (steps.get(next)?.line ?? lastLine) : lastLine;
    problems.push(error(file, line, `step "${id}" has no text in ${name}`));
  });
  // The lesson's order is lesson.yaml's; a file in another order confuses translators.
  const present = sections.filter((s) => known.has(s.id)).map((s) => s.id);
  const expected = shape.stepIds.filter((id) => present.includes(id));
  const wrong = present.findIndex((id, i) => id !== expected[i]);
  if (wrong >= 0 && new Set(present).size === present.length) {
    const id = present[wrong] ?? '';
    problems.push(
      warning(
        file,
        steps.get(id)?.line ?? 1,
        `step "${id}" is out of order: ${LESSON_FILE} has ${expected.join(', ')}`,
      ),
    );
  }
  return { language, file, title, summary, intro: introBlocks, steps };
}

function compareHintCounts(translations: Translation[], shape: Shape, problems: Problem[]) {
  const [base, ...others] = translations;
  if (!base) return;
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
}

type Localized<T> = Record<Language, T>;

/** Each language's value; a language not written (see `languages`) gets the first one's. */
function byLanguage<T>(translations: Translation[], pick: (t: Translation) => T): Localized<T> {
  const first = translations[0];
  return Object.fromEntries(
    LANGUAGES.map((l) => {
      const t = translations.find((x) => x.language === l) ?? first;
      return [l, t ? pick(t) : undefined];
    }),
  ) as Localized<T>;
}

function assemble(source: LessonSource, translations: Translation[]): Lesson {
  const steps: Step[] = source.steps.map((step) => ({
    id: step.id,
    checks: step.checks,
    solution: step.solution,
    title: byLanguage(translations, (t) => t.steps.get(step.id)?.title ?? ''),
    text: byLanguage(translations, (t) => t.steps.get(step.id)?.text ?? []),
    hints: byLanguage(translations, (t) => t.steps.get(step.id)?.hints ?? []),
    ...(step.onStart ? { onStart: step.onStart } : {}),
  }));
  return {
    id: source.id,
    order: source.order,
    ...(source.minutes === undefined ? {} : { minutes: source.minutes }),
    hosts: source.hosts,
    panes: source.panes,
    images: source.images,
    title: byLanguage(translations, (t) => t.title),
    summary: byLanguage(translations, (t) => t.summary),
    intro: byLanguage(translations, (t) => t.intro),
    steps,
    ...(source.languages ? { languages: source.languages } : {}),
    ...(source.notices ? { notices: source.notices } : {}),
    ...(source.assets ? { assets: source.assets } : {}),
  };
}

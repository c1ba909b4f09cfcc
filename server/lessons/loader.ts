// Reads lessons/<id>/ folders: lesson.yaml (what every language shares) and one Markdown file
// per language, checks everything an author can get wrong, and merges them into `Lesson`s.
// Every problem is collected with its file and line rather than stopping at the first, so the
// lint command can list them all; a lesson with an error is left out of the result.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LANGUAGES, LessonSchema, type Language, type Lesson } from '../../common/lesson.js';
import { assemble } from './assemble.js';
import { DEFAULT_ORDER, type FolderResult, type LoadOptions } from './folder-result.js';
import { checkImages } from './image-checks.js';
import { playgroundImages } from './images.js';
import { isScenarioFolder, loadScenarioFolder } from './katacoda/folder.js';
import { readLessonYaml, type LessonYaml } from './lesson-yaml.js';
import { error, hasErrors, sortProblems, warning, type Problem } from './problems.js';
import { LESSON_FILE } from './source.js';
import { compareHintCounts, loadTranslation, type Translation } from './translation.js';

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
  let folders: string[];
  try {
    folders = await lessonFolders(dir);
  } catch (err) {
    return { lessons: [], problems: [error(dir, 1, `cannot read the lessons folder: ${String(err)}`)] };
  }
  const results = await loadFolders(dir, folders, images);
  const problems = [...results.flatMap((r) => r.problems), ...crossLessonProblems(results)];
  const failed = new Set(problems.filter((p) => p.severity === 'error').map((p) => path.dirname(p.file)));
  const lessons = results
    .filter((r) => r.lesson && !failed.has(r.folder))
    .map((r) => r.lesson as Lesson)
    .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  return { lessons, problems: sortProblems(problems) };
}

/** The names of the folders in `dir`, hidden ones left out, in name order. */
async function lessonFolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
}

/** Native lesson folders and scenario folders, the scenarios after the native lessons in name order. */
async function loadFolders(
  dir: string,
  folders: readonly string[],
  images: ReadonlySet<string>,
): Promise<FolderResult[]> {
  const scenarios: string[] = [];
  for (const name of folders) if (await isScenarioFolder(path.join(dir, name))) scenarios.push(name);
  return Promise.all(
    folders.map((name) =>
      scenarios.includes(name)
        ? loadScenarioFolder(path.join(dir, name), DEFAULT_ORDER + scenarios.indexOf(name), { images })
        : loadLessonFolder(path.join(dir, name), { images }),
    ),
  );
}

/** Two lessons with one id, or one order. */
function crossLessonProblems(results: readonly FolderResult[]): Problem[] {
  const problems: Problem[] = [];
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
        const message = `order ${r.order} is also the order of ${path.basename(other.folder)}/`;
        problems.push(error(file, r.orderLine, message));
      } else byOrder.set(r.order, r);
    }
  }
  return problems;
}

/** Loads and checks one lesson folder. */
export async function loadLessonFolder(folder: string, options: LoadOptions = {}): Promise<FolderResult> {
  const images = options.images ?? playgroundImages();
  const yaml = await readLessonYaml(folder);
  const { source, problems } = yaml;
  const result: FolderResult = { folder, problems, orderLine: 1 };
  if (source) {
    result.id = source.id;
    result.order = source.order;
    result.orderLine = yaml.lineOf(['order']);
  }
  const written = source?.languages ?? LANGUAGES;
  const translations = await loadTranslations(folder, written, yaml);
  problems.push(...(await unknownLanguageFiles(folder)));
  problems.push(...compareHintCounts(translations, yaml.shape));
  if (source) {
    const listed = source.images.map((image, i) => ({ image, line: yaml.lineOf(['images', i]) }));
    problems.push(...checkImages({ file: yaml.file, listed, available: images }, yaml.uses));
  }
  if (source && translations.length === written.length && !hasErrors(problems)) {
    const lesson = LessonSchema.safeParse(assemble(source, translations));
    if (lesson.success) result.lesson = lesson.data;
    else
      problems.push(
        ...lesson.error.issues.map((i) => error(yaml.file, 1, `${i.path.join('.')}: ${i.message}`)),
      );
  }
  return result;
}

/** The language files the lesson writes, in `written` order; those missing are left out. */
async function loadTranslations(
  folder: string,
  written: readonly Language[],
  yaml: LessonYaml,
): Promise<Translation[]> {
  const translations: Translation[] = [];
  for (const language of written) {
    const t = await loadTranslation(folder, language, yaml.shape, yaml.problems, yaml.uses);
    if (t) translations.push(t);
  }
  return translations;
}

/** Markdown files named for no lesson language: probably a typo, and never read. */
async function unknownLanguageFiles(folder: string): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const name of (await readdir(folder).catch(() => [] as string[])).sort()) {
    const lang = name.endsWith('.md') ? name.slice(0, -3) : null;
    if (lang !== null && !(LANGUAGES as readonly string[]).includes(lang)) {
      const message = `"${lang}" is not a lesson language (${LANGUAGES.join(', ')}); ignored`;
      problems.push(warning(path.join(folder, name), 1, message));
    }
  }
  return problems;
}

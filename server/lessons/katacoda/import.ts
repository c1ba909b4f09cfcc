// Turns a Katacoda or Killercoda scenario folder (index.json, Markdown, bash scripts, assets/)
// into a `Lesson`. The scenario's text is English and is used for every language; each step's
// verify script becomes a script check, a step without one gets a `manual` check; background
// and foreground scripts become the step's `onStart`; assets become the lesson's `assets`.
// Whatever a sandbox cannot do is reported: warnings are kept as the lesson's notices, errors
// stop the import.
import path from 'node:path';
import type { z } from 'zod';
import { LessonSchema, type Asset, type Lesson } from '../../../common/lesson.js';
import { DEFAULT_ORDER } from '../folder-result.js';
import { madeImages, notBuilt } from '../image-checks.js';
import { canonicalImage, familiarImage, playgroundImages } from '../images.js';
import { slugify } from '../markdown.js';
import { hasErrors, sortProblems, type Problem } from '../problems.js';
import { importAssets } from './assets.js';
import { readScenarioIndex } from './index-file.js';
import { ScenarioReader, type ScenarioMarkdown } from './reader.js';
import type { Scenario, ScenarioPage } from './scenario.js';
import type { VerifyConvention } from './scripts.js';
import { everyLanguage, importSteps, type ImportedSteps, type StepText } from './steps.js';
import { backendHosts, checkBackend, checkEnvironment } from './unsupported.js';

/** The host a scenario's machine ("host01") becomes: the session's first sandbox. */
export const SCENARIO_HOST = 'node1';

export interface ImportOptions {
  /** Lesson id; default: the folder's name made into an id. */
  id?: string;
  order?: number;
  /** Images a sandbox can pull, canonical; default: the playground's. */
  images?: ReadonlySet<string>;
}

/** What the native writer needs besides the lesson: the Markdown as translated, per part. */
export interface ImportedText {
  intro: string;
  steps: StepText[];
  finish?: string;
}

export interface ImportResult {
  /** Present when there is no error. */
  lesson?: Lesson;
  problems: Problem[];
  text?: ImportedText;
  /** Per step id, how its verify script says "done" (absent: no verify script). */
  verify: Record<string, VerifyConvention>;
  /** Ids of the steps that need the internet (each line that does is a warning). */
  needsInternet?: string[];
}

/** The scenario's pages, read. */
interface ScenarioContent {
  intro: ScenarioMarkdown | null;
  steps: ImportedSteps;
  finish: ScenarioMarkdown | null;
  text: ImportedText;
}

/** Reads a scenario folder into a lesson, with every problem found. */
export async function importScenario(dir: string, options: ImportOptions = {}): Promise<ImportResult> {
  const folder = path.resolve(dir);
  const index = await readScenarioIndex(folder);
  const { scenario } = index;
  if (!scenario) return { problems: sortProblems(index.problems), verify: {} };
  const reader = new ScenarioReader(folder, index.file, index.lineOf, index.problems);
  reader.hosts = backendHosts(scenario.backend?.imageid);
  reportEnvironment(reader, scenario);
  const content = await readContent(reader, scenario);
  const { assets, missing } = await importAssets(
    folder,
    scenario.details.assets ?? {},
    (message, at) => reader.fail(index.file, message, reader.lineOf(at)),
    (message, at) => reader.warn(index.file, reader.lineOf(at), message),
  );
  reportMissingAssetUses(reader, missing);
  const pulled = pulledImages(reader, options.images ?? playgroundImages());
  const { text } = content;
  const { verify } = content.steps;
  if (hasErrors(reader.problems)) return { problems: reader.sortedProblems(), text, verify };
  const candidate = lessonOf(reader, scenario, content, {
    id: options.id,
    order: options.order,
    assets,
    pulled,
  });
  const checked = LessonSchema.safeParse(candidate);
  if (!checked.success) {
    for (const issue of checked.error.issues)
      reader.fail(index.file, `${issue.path.join('.')}: ${issue.message}`);
    return { problems: reader.sortedProblems(), text, verify };
  }
  const { needsInternet } = content.steps;
  return { lesson: checked.data, problems: reader.sortedProblems(), text, verify, needsInternet };
}

/** Each line of the scenario's texts and scripts that names an asset that is not there. */
function reportMissingAssetUses(reader: ScenarioReader, missing: readonly string[]): void {
  const names = missing.map((m) => path.posix.basename(m)).filter((n) => n && !/[*?]/.test(n));
  for (const part of reader.parts) {
    for (const [i, line] of part.text.split('\n').entries()) {
      const named = names.find((n) => line.includes(n));
      if (named) reader.warn(part.file, i + 1, `uses the asset "${named}", which is not in assets/`);
    }
  }
}

/** What the scenario's backend, environment and interface ask of a sandbox. */
function reportEnvironment(reader: ScenarioReader, scenario: Scenario): void {
  const backendLine = reader.lineOf(['backend', 'imageid']);
  const environmentLine = reader.lineOf(['environment']);
  reader.report(
    reader.indexFile,
    checkBackend(scenario.backend?.imageid).map((f) => ({ ...f, line: backendLine })),
  );
  reader.report(
    reader.indexFile,
    checkEnvironment(scenario.environment, scenario.interface).map((f) => ({ ...f, line: environmentLine })),
  );
}

/** The intro, the steps and the finish, in that order; the intro's scripts run with the first step's. */
async function readContent(reader: ScenarioReader, scenario: Scenario): Promise<ScenarioContent> {
  const { details } = scenario;
  const intro = details.intro?.text
    ? await reader.readMarkdown(details.intro.text, ['details', 'intro', 'text'])
    : null;
  const introScripts = details.intro
    ? await reader.readScripts(details.intro, ['details', 'intro'])
    : { background: null, foreground: null };
  const steps = await importSteps(reader, details.steps, introScripts);
  const finish = await readFinish(reader, details.finish);
  const text: ImportedText = {
    intro: intro?.markdown ?? '',
    steps: steps.text,
    ...(finish ? { finish: finish.markdown } : {}),
  };
  return { intro, steps, finish, text };
}

/** The finish page's text; its scripts are not run (a lesson has no end to run them at). */
async function readFinish(
  reader: ScenarioReader,
  finish: ScenarioPage | undefined,
): Promise<ScenarioMarkdown | null> {
  const page = finish?.text ? await reader.readMarkdown(finish.text, ['details', 'finish', 'text']) : null;
  if (finish && (finish.background || finish.foreground || finish.courseData || finish.code)) {
    reader.warn(
      reader.indexFile,
      reader.lineOf(['details', 'finish']),
      "the finish page's scripts are not run here",
    );
  }
  return page;
}

/** A sandbox can pull only what the playground builds; the canonical names the scenario pulls. */
function pulledImages(reader: ScenarioReader, images: ReadonlySet<string>): Set<string> {
  const made = madeImages(reader.imageUses);
  const used = new Set<string>();
  for (const use of reader.imageUses.filter((u) => !u.made)) {
    const c = canonicalImage(use.image);
    if (made.has(c)) continue;
    if (images.has(c)) used.add(c);
    else reader.fail(use.file, notBuilt(use.image, images), use.line);
  }
  return used;
}

interface LessonParts {
  id: string | undefined;
  order: number | undefined;
  assets: Asset[];
  /** Canonical names of the images the scenario pulls. */
  pulled: ReadonlySet<string>;
}

/** The lesson, with the import's warnings (each said once) as its notices. */
function lessonOf(
  reader: ScenarioReader,
  scenario: Scenario,
  content: ScenarioContent,
  parts: LessonParts,
): z.input<typeof LessonSchema> {
  const warnings = [
    ...new Set(reader.problems.filter((p) => p.severity === 'warning').map((p) => p.message)),
  ];
  const minutes = minutesOf(scenario.time);
  const { assets, pulled } = parts;
  const { finish } = content;
  return {
    id: parts.id ?? (slugify(path.basename(reader.folder)) || 'scenario'),
    order: parts.order ?? DEFAULT_ORDER,
    ...(minutes ? { minutes } : {}),
    hosts: [...reader.hosts],
    panes: panesOf(reader),
    images: [...pulled].map(familiarImage).sort(),
    title: everyLanguage(scenario.title),
    summary: everyLanguage(scenario.description?.trim() || scenario.title),
    intro: everyLanguage(content.intro?.blocks ?? []),
    steps: content.steps.steps,
    languages: ['en'],
    ...(warnings.length ? { notices: warnings } : {}),
    ...(assets.length ? { assets } : {}),
    ...(finish ? { finish: everyLanguage(finish.blocks) } : {}),
  };
}

/** One pane per machine for several (HOSTn is pane n); else as many as {{exec Tn}} asks, on the host. */
function panesOf(reader: ScenarioReader): { host: string }[] {
  const { hosts, paneCount } = reader;
  const count = Math.max(paneCount, hosts.length);
  return Array.from({ length: count }, (_, i) => ({ host: hosts[i] ?? hosts[0]! }));
}

/** "10 minutes", "5-10 minutes" -> the larger number. */
function minutesOf(time: string | undefined): number | undefined {
  const numbers =
    (time ?? '')
      .match(/\d+/g)
      ?.map(Number)
      .filter((n) => n > 0) ?? [];
  return numbers.length ? Math.max(...numbers) : undefined;
}

// Turns a Katacoda or Killercoda scenario folder (index.json, Markdown, bash scripts, assets/)
// into a `Lesson`. The scenario's text is English and is used for every language; each step's
// verify script becomes a script check, a step without one gets a `manual` check; background
// and foreground scripts become the step's `onStart`; assets become the lesson's `assets`.
// Whatever a sandbox cannot do is reported: warnings are kept as the lesson's notices, errors
// stop the import.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type { CheckInput } from '../../../common/checks.js';
import {
  LANGUAGES,
  LessonSchema,
  commandsOf,
  FILE_MODE,
  type StepSchema,
  type Asset,
  type Block,
  type Language,
  type Lesson,
  type StepStart,
} from '../../../common/lesson.js';
import { canonicalImage, familiarImage, imagesInCommand, playgroundImages } from '../images.js';
import type { Severity } from '../loader.js';
import { slugify } from '../markdown.js';
import { parseBlocks } from '../markdown-blocks.js';
import { parseYamlSource, schemaProblems } from '../yaml-source.js';
import { translateMarkdown } from './markers.js';
import {
  SCENARIO_FILE,
  ScenarioSchema,
  type Scenario,
  type ScenarioAsset,
  type ScenarioPage,
} from './scenario.js';
import {
  combineScripts,
  verifyCheck,
  verifyConvention,
  withoutShebang,
  type VerifyConvention,
} from './scripts.js';
import { checkBackend, checkEnvironment, checkScript, type Finding } from './unsupported.js';

/** The host a scenario's machine ("host01") becomes: the session's first sandbox. */
export const SCENARIO_HOST = 'node1';
/** Where Katacoda and Killercoda keep a scenario's asset files. */
export const ASSETS_DIR = 'assets';
/** Order given to an imported lesson when the caller names none: after the native ones. */
export const DEFAULT_ORDER = 1000;

export interface ImportProblem {
  /** Absolute path of the file. */
  file: string;
  line?: number;
  message: string;
  severity: Severity;
}

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
  steps: { id: string; title: string; markdown: string; answer?: string }[];
  finish?: string;
}

export interface ImportResult {
  /** Present when there is no error. */
  lesson?: Lesson;
  problems: ImportProblem[];
  text?: ImportedText;
  /** Per step id, how its verify script says "done" (absent: no verify script). */
  verify: Record<string, VerifyConvention>;
}

/** Reads a scenario folder into a lesson, with every problem found. */
export async function importScenario(dir: string, options: ImportOptions = {}): Promise<ImportResult> {
  const folder = path.resolve(dir);
  const indexFile = path.join(folder, SCENARIO_FILE);
  const problems: ImportProblem[] = [];
  const verify: Record<string, VerifyConvention> = {};
  const report = (file: string, findings: readonly Finding[], lineOffset = 0) => {
    for (const f of findings)
      problems.push({
        file,
        ...(f.line === undefined ? {} : { line: f.line + lineOffset }),
        message: f.message,
        severity: f.severity,
      });
  };
  const fail = (file: string, message: string, line?: number) =>
    problems.push({ file, ...(line === undefined ? {} : { line }), message, severity: 'error' });
  const done = (): ImportResult => ({ problems: sortProblems(problems), verify });

  const raw = await readFile(indexFile, 'utf8').catch(() => null);
  if (raw === null) {
    fail(indexFile, `missing: a scenario folder needs ${SCENARIO_FILE}`);
    return done();
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    fail(indexFile, `not valid JSON: ${(err as Error).message}`, jsonErrorLine(raw, err));
    return done();
  }
  const located = parseYamlSource(raw);
  const lineOf = (p: readonly PropertyKey[]) => (located.problems.length ? 1 : located.lineOf(p));
  const parsed = ScenarioSchema.safeParse(value);
  if (!parsed.success) {
    for (const p of schemaProblems(parsed.error, located)) fail(indexFile, p.message, p.line);
    return done();
  }
  const scenario: Scenario = parsed.data;
  const details = scenario.details;
  report(
    indexFile,
    checkBackend(scenario.backend?.imageid).map((f) => ({ ...f, line: lineOf(['backend', 'imageid']) })),
  );
  report(
    indexFile,
    checkEnvironment(scenario.environment, scenario.interface).map((f) => ({
      ...f,
      line: lineOf(['environment']),
    })),
  );

  const images = options.images ?? playgroundImages();
  const imageUses: { image: string; made: boolean; file: string; line: number }[] = [];
  const noteImages = (text: string, file: string, line: number) => {
    for (const use of imagesInCommand(text)) imageUses.push({ ...use, file, line });
  };

  /** A file of the scenario, or null (with an error) when it cannot be read. */
  const readPart = async (
    name: string,
    at: readonly PropertyKey[],
  ): Promise<{ file: string; text: string } | null> => {
    const file = path.resolve(folder, name);
    if (!isInside(folder, file)) {
      fail(indexFile, `"${name}" is outside the scenario folder`, lineOf(at));
      return null;
    }
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text === null) fail(indexFile, `"${name}" does not exist in the scenario folder`, lineOf(at));
    return text === null ? null : { file, text: text.replace(/\r\n?/g, '\n') };
  };

  let paneCount = 1;
  /** Markdown file -> blocks, with markers translated and problems reported at their lines. */
  const readMarkdown = async (name: string, at: readonly PropertyKey[]) => {
    const part = await readPart(name, at);
    if (!part) return null;
    const translated = translateMarkdown(part.text);
    report(part.file, translated.problems);
    paneCount = Math.max(paneCount, translated.panes);
    const blocks = parseBlocks(translated.markdown, 1);
    for (const p of blocks.problems) fail(part.file, p.message, p.line);
    for (const { line, command } of blocks.commands) {
      if (command.action !== 'exec') continue;
      report(part.file, checkScript(command.text, 'warning'), line - 1);
      noteImages(command.text, part.file, line);
    }
    return { file: part.file, markdown: translated.markdown, blocks: blocks.blocks };
  };

  /** A page's background and foreground scripts (with Katacoda's older names). */
  const readScripts = async (page: ScenarioPage, at: readonly PropertyKey[]) => {
    const pick = async (preferred: 'background' | 'foreground', older: 'courseData' | 'code') => {
      const name = page[preferred] ?? page[older];
      if (page[preferred] && page[older]) {
        problems.push({
          file: indexFile,
          line: lineOf([...at, older]),
          message: `both "${preferred}" and "${older}" (its older name) are given; "${older}" is ignored`,
          severity: 'warning',
        });
      }
      if (!name) return null;
      const part = await readPart(name, [...at, page[preferred] ? preferred : older]);
      if (!part) return null;
      const script = dropLaunchSh(part.text, part.file, problems);
      report(part.file, checkScript(script, 'error'));
      noteImages(script, part.file, 1);
      return { file: path.relative(folder, part.file), script };
    };
    return {
      background: await pick('background', 'courseData'),
      foreground: await pick('foreground', 'code'),
    };
  };

  // The intro: its text, and its scripts run with the first step's.
  const intro = details.intro?.text
    ? await readMarkdown(details.intro.text, ['details', 'intro', 'text'])
    : null;
  const introScripts = details.intro
    ? await readScripts(details.intro, ['details', 'intro'])
    : { background: null, foreground: null };

  const ids = new Set<string>();
  const text: ImportedText = { intro: intro?.markdown ?? '', steps: [] };
  const steps: z.input<typeof StepSchema>[] = [];
  for (const [i, step] of details.steps.entries()) {
    const at = ['details', 'steps', i] as const;
    const id = uniqueId(slugify(step.title) || `step-${i + 1}`, ids);
    const body = await readMarkdown(step.text, [...at, 'text']);
    const answer = step.answer ? await readMarkdown(step.answer, [...at, 'answer']) : null;
    const scripts = await readScripts(step, at);

    let check: CheckInput = { type: 'manual' };
    if (step.verify) {
      const part = await readPart(step.verify, [...at, 'verify']);
      if (part) {
        report(part.file, checkScript(part.text, 'error'));
        noteImages(part.text, part.file, 1);
        check = verifyCheck(part.text, step.title);
        verify[id] = verifyConvention(part.text);
      }
    }
    const stepBlocks = body?.blocks ?? [];
    const solution = commandsOf(stepBlocks).flatMap((c) => (c.action === 'exec' ? [c.text] : []));
    if (step.verify && !solution.length) {
      problems.push({
        file: body?.file ?? indexFile,
        message: `step "${step.title}" has a verify script but no {{exec}} command, so it has no solution to run`,
        severity: 'warning',
      });
    }
    const hints: Block[][] = answer?.blocks.length
      ? [answer.blocks]
      : solution.length
        ? [solutionHint(stepBlocks)]
        : [];

    const first = i === 0;
    const background = combineScripts([
      ...(first && introScripts.background ? [introScripts.background] : []),
      ...(scripts.background ? [scripts.background] : []),
    ]);
    const foregroundParts = [
      ...(first && introScripts.foreground ? [introScripts.foreground] : []),
      ...(scripts.foreground ? [scripts.foreground] : []),
    ];
    const foreground = foregroundParts
      .map((p) => withoutShebang(p.script).trim())
      .filter(Boolean)
      .join('\n');
    const onStart: StepStart = {
      ...(background ? { background } : {}),
      ...(foreground ? { foreground } : {}),
    };

    steps.push({
      id,
      checks: [check],
      solution,
      title: everyLanguage(step.title),
      text: everyLanguage(stepBlocks),
      hints: everyLanguage(hints),
      ...(Object.keys(onStart).length ? { onStart } : {}),
    });
    text.steps.push({
      id,
      title: step.title,
      markdown: body?.markdown ?? '',
      ...(answer ? { answer: answer.markdown } : {}),
    });
  }

  const finish = details.finish?.text
    ? await readMarkdown(details.finish.text, ['details', 'finish', 'text'])
    : null;
  if (finish) text.finish = finish.markdown;
  if (
    details.finish &&
    (details.finish.background ||
      details.finish.foreground ||
      details.finish.courseData ||
      details.finish.code)
  ) {
    problems.push({
      file: indexFile,
      line: lineOf(['details', 'finish']),
      message: "the finish page's scripts are not run here",
      severity: 'warning',
    });
  }

  const assets = await importAssets(folder, details.assets ?? {}, (message, p) =>
    fail(indexFile, message, lineOf(p)),
  );

  // Images: a sandbox can pull only what the playground builds.
  const made = new Set(imageUses.filter((u) => u.made).map((u) => canonicalImage(u.image)));
  const used = new Set<string>();
  for (const use of imageUses.filter((u) => !u.made)) {
    const c = canonicalImage(use.image);
    if (made.has(c)) continue;
    if (images.has(c)) used.add(c);
    else
      fail(
        use.file,
        `image "${use.image}" is not one the playground builds (it builds: ${[...images].map(familiarImage).sort().join(', ')})`,
        use.line,
      );
  }

  if (problems.some((p) => p.severity === 'error')) return { ...done(), text };
  const warnings = [...new Set(problems.filter((p) => p.severity === 'warning').map((p) => p.message))];
  const candidate: z.input<typeof LessonSchema> = {
    id: options.id ?? (slugify(path.basename(folder)) || 'scenario'),
    order: options.order ?? DEFAULT_ORDER,
    ...(minutesOf(scenario.time) ? { minutes: minutesOf(scenario.time) } : {}),
    hosts: [SCENARIO_HOST],
    panes: Array.from({ length: paneCount }, () => ({ host: SCENARIO_HOST })),
    images: [...used].map(familiarImage).sort(),
    title: everyLanguage(scenario.title),
    summary: everyLanguage(scenario.description?.trim() || scenario.title),
    intro: everyLanguage(intro?.blocks ?? []),
    steps,
    languages: ['en'],
    ...(warnings.length ? { notices: warnings } : {}),
    ...(assets.length ? { assets } : {}),
    ...(finish ? { finish: everyLanguage(finish.blocks) } : {}),
  };
  const checked = LessonSchema.safeParse(candidate);
  if (!checked.success) {
    for (const issue of checked.error.issues) fail(indexFile, `${issue.path.join('.')}: ${issue.message}`);
    return { ...done(), text };
  }
  return { lesson: checked.data, problems: sortProblems(problems), text, verify };
}

/** The same value in every language (a scenario is written in one). */
function everyLanguage<T>(value: T): Record<Language, T> {
  return Object.fromEntries(LANGUAGES.map((l) => [l, value])) as Record<Language, T>;
}

function uniqueId(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
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

/** A hint for a step without Katacoda's answer file: its commands, to run in order. */
function solutionHint(blocks: readonly Block[]): Block[] {
  const commands = commandsOf(blocks).filter((c) => c.action === 'exec');
  return [
    { kind: 'markdown', markdown: 'Run these commands, in order:', commands: [] },
    ...commands.map((command): Block => ({ kind: 'command', lang: 'sh', command })),
  ];
}

/** Katacoda's foreground scripts often start with `launch.sh` (a wait for its cluster): dropped, said. */
function dropLaunchSh(script: string, file: string, problems: ImportProblem[]): string {
  const lines = script.split('\n');
  return lines
    .filter((line, i) => {
      if (line.trim() !== 'launch.sh') return true;
      problems.push({
        file,
        line: i + 1,
        message:
          "launch.sh (Katacoda's wait for its environment) is left out: the sandbox is ready when the lesson starts",
        severity: 'warning',
      });
      return false;
    })
    .join('\n');
}

/** "~/" -> "/root/", relative -> under /root; the directory an asset is copied into. */
export function assetTarget(target: string): string {
  let t = target.trim().replace(/^~(?=\/|$)/, '/root');
  if (!t.startsWith('/')) t = `/root/${t}`;
  return path.posix.normalize(t).replace(/(.)\/$/, '$1');
}

async function importAssets(
  folder: string,
  byHost: Record<string, ScenarioAsset[]>,
  fail: (message: string, at: readonly PropertyKey[]) => void,
): Promise<Asset[]> {
  const assets: Asset[] = [];
  for (const [host, list] of Object.entries(byHost)) {
    if (host !== 'host01' && host !== 'client') {
      fail(`assets for "${host}": a scenario gets one host here (host01)`, ['details', 'assets', host]);
      continue;
    }
    for (const [i, asset] of list.entries()) {
      const at = ['details', 'assets', host, i] as const;
      const relative = path.posix.join(ASSETS_DIR, asset.file);
      const file = path.resolve(folder, relative);
      if (/[*?[]/.test(asset.file)) {
        fail(`asset "${asset.file}": patterns are not supported; list each file`, at);
        continue;
      }
      if (!isInside(path.join(folder, ASSETS_DIR), file)) {
        fail(`asset "${asset.file}" is outside the ${ASSETS_DIR}/ folder`, at);
        continue;
      }
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) {
        fail(`asset "${asset.file}" is not a file in ${ASSETS_DIR}/`, at);
        continue;
      }
      const mode = asset.chmod?.trim();
      if (mode !== undefined && !FILE_MODE.test(mode)) {
        fail(`asset "${asset.file}": chmod "${asset.chmod}" is not a chmod mode such as +x or 755`, at);
        continue;
      }
      assets.push({ path: relative, target: assetTarget(asset.target), ...(mode ? { mode } : {}) });
    }
  }
  return assets;
}

function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function jsonErrorLine(raw: string, err: unknown): number | undefined {
  const position = /position (\d+)/.exec((err as Error).message)?.[1];
  if (position === undefined)
    return /line (\d+)/.exec((err as Error).message)?.[1]
      ? Number(/line (\d+)/.exec((err as Error).message)?.[1])
      : undefined;
  return raw.slice(0, Number(position)).split('\n').length;
}

function sortProblems(problems: ImportProblem[]): ImportProblem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
}

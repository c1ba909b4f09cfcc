// A scenario's steps as lesson steps: the text, a hint (Katacoda's answer file, or else the
// step's commands), a script check from the verify script or a `manual` check without one, and
// the background and foreground scripts as the step's `onStart` (the intro's run with the first
// step's, since a lesson's intro has no start of its own).
import type { z } from 'zod';
import type { CheckInput } from '../../../common/checks.js';
import {
  LANGUAGES,
  commandsOf,
  type Block,
  type Language,
  type StepSchema,
  type StepStart,
} from '../../../common/lesson.js';
import { slugify } from '../markdown.js';
import type { PageScripts, ScenarioReader } from './reader.js';
import { internetUses } from './internet.js';
import type { ScenarioStep } from './scenario.js';
import {
  combineScripts,
  verifyCheck,
  verifyConvention,
  withoutShebang,
  type VerifyConvention,
} from './scripts.js';
import { checkScript } from './unsupported.js';

export type StepInput = z.input<typeof StepSchema>;

/** A step's Markdown as translated, for writing it as a native lesson. */
export interface StepText {
  id: string;
  title: string;
  markdown: string;
  answer?: string;
}

export interface ImportedSteps {
  steps: StepInput[];
  text: StepText[];
  /** Per step id, how its verify script says "done" (absent: no verify script). */
  verify: Record<string, VerifyConvention>;
  /** Ids of the steps whose text needs the internet (installs, downloads, public pings). */
  needsInternet: string[];
}

/** The same value in every language (a scenario is written in one). */
export function everyLanguage<T>(value: T): Record<Language, T> {
  return Object.fromEntries(LANGUAGES.map((l) => [l, value])) as Record<Language, T>;
}

/** Reads every step, in order; `introScripts` run before the first step's own. */
export async function importSteps(
  reader: ScenarioReader,
  scenarioSteps: readonly ScenarioStep[],
  introScripts: PageScripts,
): Promise<ImportedSteps> {
  const ids = new Set<string>();
  const result: ImportedSteps = { steps: [], text: [], verify: {}, needsInternet: [] };
  for (const [i, untitled] of scenarioSteps.entries()) {
    const step = { ...untitled, title: untitled.title || `Step ${i + 1}` };
    if (!untitled.title)
      reader.warn(
        reader.indexFile,
        reader.lineOf(['details', 'steps', i]),
        `step ${i + 1} has no title; called "${step.title}"`,
      );
    const id = uniqueId(slugify(step.title) || `step-${i + 1}`, ids);
    const before = i === 0 ? introScripts : { background: null, foreground: null };
    await importStep(reader, step, { id, at: ['details', 'steps', i], before }, result);
  }
  return result;
}

interface StepPlace {
  id: string;
  /** Where the step is in index.json. */
  at: readonly PropertyKey[];
  /** Scripts that run before the step's own. */
  before: PageScripts;
}

/** A step with its title (the scenario's, or its number). */
type TitledStep = ScenarioStep & { title: string };

async function importStep(
  reader: ScenarioReader,
  step: TitledStep,
  { id, at, before }: StepPlace,
  result: ImportedSteps,
): Promise<void> {
  const body = await reader.readMarkdown(step.text, [...at, 'text']);
  const answer = step.answer ? await reader.readMarkdown(step.answer, [...at, 'answer']) : null;
  const scripts = await reader.readScripts(step, at);
  const check = await readVerify(reader, step, at, id, result.verify);
  const blocks = body?.blocks ?? [];
  const online = body ? internetUses(body.markdown) : [];
  for (const use of online)
    reader.warn(body!.file, use.line, `needs the internet, which sandboxes do not have: ${use.what}`);
  if (online.length) result.needsInternet.push(id);
  const solution = commandsOf(blocks).flatMap((c) => (c.action === 'exec' ? [c.text] : []));
  if (step.verify && !solution.length) {
    reader.warnAboutFile(
      body?.file ?? reader.indexFile,
      `step "${step.title}" has a verify script but no {{exec}} command, so it has no solution to run`,
    );
  }
  const hints: Block[][] = answer?.blocks.length
    ? [answer.blocks]
    : solution.length
      ? [solutionHint(blocks)]
      : [];
  const onStart = startOf(before, scripts);
  result.steps.push({
    id,
    checks: [check],
    solution,
    title: everyLanguage(step.title),
    text: everyLanguage(blocks),
    hints: everyLanguage(hints),
    ...(Object.keys(onStart).length ? { onStart } : {}),
  });
  result.text.push({
    id,
    title: step.title,
    markdown: body?.markdown ?? '',
    ...(answer ? { answer: answer.markdown } : {}),
  });
}

/** The step's check: its verify script as a script check, or `manual` without one. */
async function readVerify(
  reader: ScenarioReader,
  step: TitledStep,
  at: readonly PropertyKey[],
  id: string,
  verify: Record<string, VerifyConvention>,
): Promise<CheckInput> {
  if (!step.verify) return { type: 'manual' };
  const part = await reader.readPart(step.verify, [...at, 'verify']);
  if (!part) return { type: 'manual' };
  reader.report(part.file, checkScript(part.text, 'error', reader.hosts));
  reader.noteImages(part.text, part.file, 1);
  reader.noteDockerfileImages(part.text, part.file);
  verify[id] = verifyConvention(part.text);
  return verifyCheck(part.text, step.title);
}

/** The background scripts as one, each in its subshell; the foreground ones as typed lines. */
function startOf(before: PageScripts, own: PageScripts): StepStart {
  const background = combineScripts([
    ...(before.background ? [before.background] : []),
    ...(own.background ? [own.background] : []),
  ]);
  const foreground = [
    ...(before.foreground ? [before.foreground] : []),
    ...(own.foreground ? [own.foreground] : []),
  ]
    .map((p) => withoutShebang(p.script).trim())
    .filter(Boolean)
    .join('\n');
  return {
    ...(background ? { background } : {}),
    ...(foreground ? { foreground } : {}),
  };
}

function uniqueId(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** A hint for a step without Katacoda's answer file: its commands, to run in order. */
function solutionHint(blocks: readonly Block[]): Block[] {
  const commands = commandsOf(blocks).filter((c) => c.action === 'exec');
  return [
    { kind: 'markdown', markdown: 'Run these commands, in order:', commands: [] },
    ...commands.map((command): Block => ({ kind: 'command', lang: 'sh', command })),
  ];
}

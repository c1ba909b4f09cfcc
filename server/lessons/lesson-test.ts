// Tests a lesson like code, in a real sandbox: for each step in order, its checks fail before
// its solution runs, no later step would tick yet (steps are checked ahead of their turn),
// the solution runs without an error, and the checks pass after it. A step's solution is
// the one lesson.yaml gives, else its {{exec}} commands; the languages' texts must run the
// same commands. The sandbox is made and checked by the server's own modules.
import path from 'node:path';
import type Docker from 'dockerode';
import type { Lesson, Step } from '../../common/lesson.js';
import { checkedAhead } from '../progress/lesson-tracker.js';
import { runChecks, type SandboxShell } from '../validation/index.js';
import { shellQuote } from '../validation/shell.js';
import { copyAssets } from './assets.js';
import { textCommands } from './text-commands.js';
import { startStep } from './step-start.js';

/** One step's outcome: each column passed, or why not. */
export interface StepReport {
  stepId: string;
  /** The checks failed before the solution. */
  failsBefore: Outcome;
  /** No later step's checks passed yet (they would tick ahead of their turn). */
  noneAhead: Outcome;
  /** Every solution command exited 0. */
  solution: Outcome;
  /** The checks passed after the solution (within the settle time). */
  passesAfter: Outcome;
  /** Every language's text runs the same {{exec}} commands. */
  textsAgree: Outcome;
}

export type Outcome = { ok: true } | { ok: false; why: string };

export interface LessonReport {
  lessonId: string;
  steps: StepReport[];
  /** Why the lesson could not be tested at all (no sandbox, say). */
  error?: string;
}

export interface LessonTestOptions {
  /** The lesson's folder (its assets are read from there). */
  folder: string;
  /** How long the checks may take to pass after a solution (a server starting). */
  settleMs?: number;
  /** Told as each step is done, for a live line of progress. */
  onStep?(report: StepReport): void;
}

const OK: Outcome = { ok: true };
/** Longest a solution command may run (a pull, a build). */
const SOLUTION_MS = 120_000;
const fail = (why: string): Outcome => ({ ok: false, why: why.trim().slice(-300) || 'failed' });
const SKIPPED: Outcome = fail('not run: an earlier column failed');

/** Whether every column of every step passed. */
export function lessonPassed(report: LessonReport): boolean {
  return !report.error && report.steps.every((s) => columns(s).every((o) => o.ok));
}

export function columns(s: StepReport): Outcome[] {
  return [s.failsBefore, s.noneAhead, s.solution, s.passesAfter, s.textsAgree];
}

/** What a step runs to be done: lesson.yaml's solution, else its text's {{exec}} commands. */
export function solutionOf(step: Step, lesson: Lesson): string[] {
  if (step.solution.length) return step.solution;
  return textCommands(step, lesson.languages?.[0] ?? 'en');
}

/** Each language's {{exec}} commands must be the same list. */
export function textsAgree(step: Step, lesson: Lesson): Outcome {
  const languages = lesson.languages ?? (Object.keys(step.text) as (keyof Step['text'])[]);
  const [first, ...others] = languages;
  if (!first) return OK;
  const expected = JSON.stringify(textCommands(step, first));
  const differing = others.filter((l) => JSON.stringify(textCommands(step, l)) !== expected);
  return differing.length
    ? fail(`the {{exec}} commands of ${differing.join(', ')} differ from ${first}'s`)
    : OK;
}

/** Runs every step of `lesson` in `sandbox`, a fresh one. */
export async function testLesson(
  lesson: Lesson,
  sandbox: Docker.Container,
  shell: SandboxShell,
  options: LessonTestOptions,
): Promise<LessonReport> {
  const report: LessonReport = { lessonId: lesson.id, steps: [] };
  if (lesson.assets?.length) await copyAssets(sandbox, lesson, path.resolve(options.folder));
  for (let index = 0; index < lesson.steps.length; index++) {
    const stepReport = await testStep(lesson, index, shell, options);
    report.steps.push(stepReport);
    options.onStep?.(stepReport);
    // The next steps build on this one: without it they mean nothing.
    if (!stepReport.solution.ok || !stepReport.passesAfter.ok) break;
  }
  return report;
}

async function testStep(
  lesson: Lesson,
  index: number,
  shell: SandboxShell,
  options: LessonTestOptions,
): Promise<StepReport> {
  const step = lesson.steps[index]!;
  const setup = await startStep(shell, step).background;
  const report: StepReport = {
    stepId: step.id,
    failsBefore: OK,
    noneAhead: OK,
    solution: SKIPPED,
    passesAfter: SKIPPED,
    textsAgree: textsAgree(step, lesson),
  };
  if (setup && !setup.ok) {
    report.failsBefore = fail(`its start script failed: ${setup.message}`);
    return report;
  }
  const before = await runChecks(shell, step.checks);
  if (before.passed && !step.checks.every((c) => c.type === 'manual')) {
    report.failsBefore = fail('its checks pass before its solution has run');
  }
  report.noneAhead = await noneAhead(lesson, index, shell);
  report.solution = await runSolution(shell, solutionOf(step, lesson));
  if (!report.solution.ok) return report;
  report.passesAfter = await passesWithin(shell, step, options.settleMs ?? 20_000);
  return report;
}

/** Later steps checked ahead must not pass yet: they would tick before the learner gets there. */
async function noneAhead(lesson: Lesson, index: number, shell: SandboxShell): Promise<Outcome> {
  const later = lesson.steps.slice(index + 1).filter(checkedAhead);
  if (!later.length) return OK;
  const all = await runChecks(
    shell,
    later.flatMap((s) => s.checks),
  );
  let at = 0;
  const early = later.filter((s) => {
    const results = all.results.slice(at, (at += s.checks.length));
    return results.every((r) => r.ok);
  });
  return early.length
    ? fail(`${early.map((s) => s.id).join(', ')} would tick already: its checks pass before its turn`)
    : OK;
}

/** Runs each command under bash in /root, as a learner's shell would; at most SOLUTION_MS each. */
async function runSolution(shell: SandboxShell, commands: string[]): Promise<Outcome> {
  for (const command of commands) {
    try {
      const { exitCode, output, timedOut } = await shell.run(
        `cd /root && bash -c ${shellQuote(command)}`,
        SOLUTION_MS,
      );
      if (timedOut) return fail(`\`${command}\` ran longer than ${SOLUTION_MS / 1000} s`);
      if (exitCode !== 0) return fail(`\`${command}\` exited ${exitCode}: ${output}`);
    } catch (err) {
      return fail(`\`${command}\`: ${(err as Error).message}`);
    }
  }
  return OK;
}

async function passesWithin(shell: SandboxShell, step: Step, settleMs: number): Promise<Outcome> {
  const deadline = Date.now() + settleMs;
  for (;;) {
    const result = await runChecks(shell, step.checks);
    if (result.passed) return OK;
    if (Date.now() >= deadline) {
      return fail(result.results.find((r) => !r.ok)?.reason ?? 'its checks fail after its solution');
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

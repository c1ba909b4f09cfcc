// Plays an imported Killercoda scenario in a real sandbox as a learner would: its assets copied
// in, each step's background script run, its verify script asked before the step's commands
// (it must say "not done") and after them (it must say "done"). The commands are the step's
// {{exec}} lines, plus the files its text tells the learner to create (a code block after
// "Create the `/path`"), since a learner types those into an editor.
import type Docker from 'dockerode';
import type { Lesson, Step } from '../../common/lesson.js';
import { execCapture } from '../../server/engine/exec.js';
import { copyAssets } from '../../server/lessons/assets.js';
import type { StepText } from '../../server/lessons/katacoda/steps.js';
import { startStep } from '../../server/lessons/step-start.js';
import { shellQuote } from '../../server/validation/shell.js';
import { DockerSandboxShell, runChecks } from '../../server/validation/index.js';

/** How one step went. */
export interface PlayedStep {
  stepId: string;
  /** The verify script said "not done" before the step's commands. */
  failedBefore: boolean;
  /** It said "done" after them (within the wait). */
  passedAfter: boolean;
  /** Why not, when it did not pass: the verify script's output or a command's. */
  why: string;
}

/** Longest a learner's command may run here (some start programs that never end). */
const COMMAND_SECONDS = 90;
/** How long a step may take to turn done after its commands (a container starting, say). */
const SETTLE_MS = 15_000;

/** A file the step's text asks the learner to write (or add lines to), with what to write. */
interface FileToWrite {
  path: string;
  content: string;
  append: boolean;
}

/**
 * "Create the `/root/Dockerfile`", "Modify `/root/app/Dockerfile`" or "Add next line to the
 * `/root/Dockerfile`" followed by a fenced block that is not run ({{copy}} or no marker): what
 * a learner pastes into an editor.
 */
export function filesToWrite(markdown: string): FileToWrite[] {
  const files: FileToWrite[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const named = /\b(create|update|change|modify|write|add)\b[^`]*`(\/[^`\s]+)`/i.exec(lines[i]!);
    if (!named) continue;
    const open = lines.findIndex((l, j) => j > i && j <= i + 8 && /^\s*```/.test(l));
    if (open < 0) continue;
    const close = lines.findIndex((l, j) => j > open && /^\s*```/.test(l));
    if (close < 0 || /\{\{\s*exec/.test(lines[close]!)) continue;
    const content = `${lines.slice(open + 1, close).join('\n')}\n`;
    files.push({ path: named[2]!, content, append: named[1]!.toLowerCase() === 'add' });
  }
  return files;
}

async function bash(sandbox: Docker.Container, script: string) {
  return execCapture(sandbox, ['bash', '-c', `cd /root; ${script}`]);
}

/** Types the step's commands (and writes its files); the first failure's output, or ''. */
async function doStep(sandbox: Docker.Container, step: Step, text: StepText | undefined): Promise<string> {
  for (const file of filesToWrite(text?.markdown ?? '')) {
    const written = await bash(
      sandbox,
      `mkdir -p "$(dirname ${shellQuote(file.path)})" && printf '%s' ${shellQuote(file.content)} ${file.append ? '>>' : '>'} ${shellQuote(file.path)}`,
    );
    if (written.exitCode !== 0) return `writing ${file.path}: ${written.output}`;
  }
  let failed = '';
  for (const command of step.solution) {
    const ran = await bash(sandbox, `timeout ${COMMAND_SECONDS} bash -c ${shellQuote(command)} < /dev/null`);
    if (ran.exitCode !== 0 && !failed) failed = `${command}: exit ${ran.exitCode}: ${ran.output.slice(-300)}`;
  }
  return failed;
}

/** Plays every step of `lesson` (imported from `folder`) in `sandbox`, in order. */
export async function playScenario(
  sandbox: Docker.Container,
  lesson: Lesson,
  folder: string,
  texts: readonly StepText[],
): Promise<PlayedStep[]> {
  const shell = new DockerSandboxShell(sandbox);
  await copyAssets(sandbox, lesson, folder);
  const played: PlayedStep[] = [];
  for (const [i, step] of lesson.steps.entries()) {
    await startStep(shell, step).background;
    const before = await runChecks(shell, step.checks);
    const commandFailure = await doStep(sandbox, step, texts[i]);
    let after = await runChecks(shell, step.checks);
    for (const deadline = Date.now() + SETTLE_MS; !after.passed && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 500));
      after = await runChecks(shell, step.checks);
    }
    const reason = after.results.find((r) => !r.ok)?.reason ?? '';
    played.push({
      stepId: step.id,
      failedBefore: !before.passed,
      passedAfter: after.passed,
      why: after.passed ? '' : [reason, commandFailure].filter(Boolean).join(' | '),
    });
  }
  return played;
}

// Answers a step's checks. The built-in checks only read, so they run side by side and share
// identical docker queries (three checks on "redis" inspect it once). Lesson scripts may
// change things, so they run afterwards, one at a time, in the step's order.
import type { Check, CheckInput, CheckResult, StepResult } from '../../common/checks.js';
import { validationSeconds } from '../metrics/meters.js';
import { runCheck } from './run-check.js';
import type { SandboxShell, ShellResult } from './shell.js';

/** Most checks asking the sandbox at once. */
const PARALLEL = 6;

/** A shell that runs each distinct query once and hands every caller the same answer. */
function sharedQueries(shell: SandboxShell): SandboxShell {
  const answers = new Map<string, Promise<ShellResult>>();
  return {
    run(script, timeoutMs) {
      let answer = answers.get(script);
      if (!answer) {
        answer = shell.run(script, timeoutMs);
        answers.set(script, answer);
      }
      return answer;
    },
  };
}

const isScript = (check: Check | CheckInput) =>
  typeof check === 'object' && check !== null && (check as { type?: unknown }).type === 'script';

export async function runChecks(
  shell: SandboxShell,
  checks: readonly (Check | CheckInput)[],
): Promise<StepResult> {
  const timer = validationSeconds.startTimer();
  const results: CheckResult[] = new Array(checks.length);
  const shared = sharedQueries(shell);
  const readers = checks.map((c, i) => ({ c, i })).filter(({ c }) => !isScript(c));
  let next = 0;
  const worker = async () => {
    for (let job = readers[next++]; job; job = readers[next++]) {
      results[job.i] = await runCheck(shared, job.c);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, readers.length) }, worker));
  for (const [i, c] of checks.entries()) {
    if (isScript(c)) results[i] = await runCheck(shell, c);
  }
  const passed = results.every((r) => r.ok);
  timer({ outcome: passed ? 'passed' : 'failed' });
  return { passed, results };
}

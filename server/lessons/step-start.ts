// What happens when a learner reaches a step that has `onStart` scripts (imported scenarios):
// the background script runs in the sandbox without holding anything up, and the foreground
// script is handed back as a command for the page to type into the first terminal pane.
import type { Command, Step } from '../../common/lesson.js';
import type { SandboxShell, ShellResult } from '../validation/shell.js';
import { bashInHome, withoutShebang } from './katacoda/scripts.js';

/** How long a background script may run before it is stopped (and reported as failed). */
export const BACKGROUND_TIMEOUT_MS = 5 * 60_000;

export interface BackgroundOutcome {
  ok: boolean;
  /** For the learner: what failed, with the end of the script's output. */
  message: string;
  result?: ShellResult;
}

export interface StepStartHandle {
  /** Type this into the first pane (action exec, pane 1), or nothing. */
  foreground: Command | null;
  /** Settles when the background script has ended; never rejects. Null without one. */
  background: Promise<BackgroundOutcome> | null;
}

/** Runs a background script to its end and says how it went. */
export async function runBackground(
  shell: SandboxShell,
  script: string,
  timeoutMs = BACKGROUND_TIMEOUT_MS,
): Promise<BackgroundOutcome> {
  try {
    const result = await shell.run(bashInHome(script), timeoutMs);
    const tail = result.output.trim().slice(-500);
    if (result.timedOut)
      return {
        ok: false,
        result,
        message: `The step's setup script did not finish within ${Math.round(timeoutMs / 1000)} s.`,
      };
    const missing = commandsNotFound(result.output);
    if (result.exitCode === 0 && missing.length)
      return {
        ok: false,
        result,
        message: `The step's setup script failed: this sandbox has no ${missing.join(', ')}${tail ? `: ${tail}` : '.'}`,
      };
    if (result.exitCode === 0) return { ok: true, result, message: 'The step is set up.' };
    return {
      ok: false,
      result,
      message: `The step's setup script failed (exit status ${result.exitCode ?? 'unknown'})${tail ? `: ${tail}` : '.'}`,
    };
  } catch (err) {
    return { ok: false, message: `The step's setup script could not run: ${(err as Error).message}` };
  }
}

/**
 * Commands a script called that the sandbox lacks ("bash: line 3: podman: command not found").
 * A script without `set -e` goes on after one and may still end with status 0, but the set-up
 * it was written for did not happen.
 */
export function commandsNotFound(output: string): string[] {
  const names = new Set<string>();
  // bash: "bash: line 3: podman: command not found"; dash: "sh: 1: tree: not found".
  const patterns = [
    /(?:^|: )([a-z0-9][\w.+-]*): command not found/gm,
    /^\S*sh: \d+: ([\w.+-]+): not found$/gm,
  ];
  for (const pattern of patterns) for (const m of output.matchAll(pattern)) if (m[1]) names.add(m[1]);
  return [...names];
}

/** The foreground script as a command typed into the first pane. */
export function foregroundCommand(script: string): Command | null {
  const text = withoutShebang(script).trim();
  return text ? { action: 'exec', text, pane: 1, interrupt: false } : null;
}

/**
 * Starts `step`: its background script begins at once in the sandbox behind `shell` (not
 * awaited; `onFailure` hears of a failure, the returned promise of any outcome), and its
 * foreground script comes back as a command for the page.
 */
export function startStep(
  shell: SandboxShell,
  step: Pick<Step, 'onStart'>,
  onFailure: (outcome: BackgroundOutcome) => void = () => undefined,
): StepStartHandle {
  const script = step.onStart?.background;
  const background = script
    ? runBackground(shell, script).then((outcome) => {
        if (!outcome.ok) onFailure(outcome);
        return outcome;
      })
    : null;
  const foreground = step.onStart?.foreground ? foregroundCommand(step.onStart.foreground) : null;
  return { foreground, background };
}

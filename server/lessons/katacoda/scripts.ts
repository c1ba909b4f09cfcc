// A scenario's bash scripts as the playground runs them: verify scripts become script checks,
// background and foreground scripts are kept for the step's start. Scenarios were written for
// bash on an Ubuntu VM as root in its home directory, so each runs under bash from /root.
import type { CheckInput } from '../../../common/checks.js';
import { shellQuote } from '../../validation/shell.js';

/** How long a verify script may run before its check fails. */
export const VERIFY_TIMEOUT_SECONDS = 20;

/**
 * How a verify script says "done". Killercoda: exit status 0. Older Katacoda scenarios print
 * "done" instead, often as `... && echo done`, and some exit 0 when not done
 * (`if [ -f x ]; then echo done; fi`); so a script that prints "done" anywhere passes only when
 * a line of its output is "done", and any other script passes on exit status 0.
 */
export type VerifyConvention = 'exit-status' | 'prints-done';

const PRINTS_DONE = /\b(?:echo|printf)\s+(?:-[a-z]+\s+)?["']?done\b/i;

export function verifyConvention(script: string): VerifyConvention {
  return PRINTS_DONE.test(script) ? 'prints-done' : 'exit-status';
}

/** A script without its `#!` line, for typing into a terminal or quoting. */
export function withoutShebang(script: string): string {
  return script.replace(/\r\n?/g, '\n').replace(/^#!.*\n?/, '');
}

/** Runs `script` under bash in root's home, with its output (both streams) as ours. */
export function bashInHome(script: string): string {
  return `cd /root 2>/dev/null || cd /; exec bash -c ${shellQuote(withoutShebang(script))} 2>&1`;
}

/** A `done` line, with the spaces or carriage return a script may leave around it. */
const DONE_LINE = `'^[[:space:]]*done[[:space:]]*$'`;

/** The verify script as the body of a script check, accepting either convention. */
export function wrapVerify(script: string): string {
  if (verifyConvention(script) === 'exit-status') return bashInHome(script);
  // Show what the script printed besides "done" (the reason when the step is not done yet).
  return (
    `out=$(${bashInHome(script)}); ` +
    `printf '%s\\n' "$out" | grep -v -i -E ${DONE_LINE}; ` +
    `if printf '%s\\n' "$out" | grep -q -i -E ${DONE_LINE}; then exit 0; fi; ` +
    `echo 'Not done yet.'; exit 1`
  );
}

/** The script check a step's verify script becomes. */
export function verifyCheck(script: string, title: string): CheckInput {
  return {
    type: 'script',
    description: `Done: ${title}`.slice(0, 300),
    run: wrapVerify(script),
    timeoutSeconds: VERIFY_TIMEOUT_SECONDS,
  };
}

/**
 * Several scripts as one bash script (the intro's and the first step's, say): each in its own
 * subshell so an `exit` ends only itself, the next one only after the one before succeeded.
 */
export function combineScripts(parts: readonly { file: string; script: string }[]): string | undefined {
  if (parts.length <= 1) return parts[0]?.script;
  return parts.map((p) => `# ${p.file}\n(\n${withoutShebang(p.script).replace(/\n*$/, '')}\n)`).join(' &&\n');
}

// A scenario's bash scripts as the playground runs them: verify scripts become script checks,
// background and foreground scripts are kept for the step's start. Scenarios were written for
// an Ubuntu VM, run as root in its home directory, each as a program (its `#!` line decides).
import type { CheckInput } from '../../../common/checks.js';

/** How long a verify script may run before its check fails. */
export const VERIFY_TIMEOUT_SECONDS = 20;

/**
 * How a verify script says "done": as on Killercoda, by its exit status alone (0 is done),
 * whatever it prints. Kept as a type so the import can say so per step.
 */
export type VerifyConvention = 'exit-status';

export function verifyConvention(_script: string): VerifyConvention {
  return 'exit-status';
}

/** A script without its `#!` line, for typing into a terminal or quoting. */
export function withoutShebang(script: string): string {
  return script.replace(/\r\n?/g, '\n').replace(/^#!.*\n?/, '');
}

/**
 * Runs `script` as Killercoda runs a scenario's script: as a program of its own, so its `#!`
 * line picks the interpreter and its flags (`#!/bin/bash -eu` stops at the first failing
 * command), or under bash when it has none; as root in root's home; both output streams
 * as ours; its exit status is ours. The script goes to a temporary file through a quoted
 * here-document whose end word the script does not contain.
 */
export function bashInHome(script: string): string {
  const text = script.replace(/\r\n?/g, '\n').replace(/\n?$/, '\n');
  const end = hereDocEnd(text);
  const run = text.startsWith('#!') ? '"$f"' : 'bash "$f"';
  return (
    `f=$(mktemp /tmp/.scenario-script.XXXXXX) || exit 125\n` +
    `cat > "$f" <<'${end}'\n${text}${end}\n` +
    `chmod 700 "$f"; cd /root 2>/dev/null || cd /; ${run} 2>&1; s=$?; rm -f "$f"; exit $s`
  );
}

/** An end word for a here-document that no line of `text` is. */
function hereDocEnd(text: string): string {
  const lines = new Set(text.split('\n'));
  let end = 'SCENARIO_SCRIPT_END';
  for (let n = 1; lines.has(end); n++) end = `SCENARIO_SCRIPT_END_${n}`;
  return end;
}

/** The verify script as the body of a script check: its exit status decides. */
export function wrapVerify(script: string): string {
  return bashInHome(script);
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

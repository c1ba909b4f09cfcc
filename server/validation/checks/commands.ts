// Checks that run a command in the sandbox: an HTTP request with curl, a lesson's own script.
import { SCRIPT_REASON_CHARS, type CheckOf, type CheckResult } from '../../../common/checks.js';
import { message as m, verbatim, type Message } from '../../../common/messages.js';
import { CheckError, explainDockerFailure } from '../docker-query.js';
import { shellQuote as q, type SandboxShell } from '../shell.js';
import { fail, pass } from './result.js';

/** How long one request may take; the shell gets a little more. */
const HTTP_TIMEOUT_SECONDS = 5;
const MAX_BODY_BYTES = 1_000_000;
const BODY_MARKER = '@@body';

/**
 * Prints "<curl exit> <HTTP status>", curl's error message, a marker line, then the body:
 * each part kept apart from the others, whatever order the two streams arrive in.
 */
function httpScript(url: string): string {
  return (
    `d=$(mktemp -d) || exit 1; trap 'rm -rf "$d"' EXIT; ` +
    `code=$(curl -sS -o "$d/body" -w '%{http_code}' --max-time ${HTTP_TIMEOUT_SECONDS} ${q(url)} 2>"$d/err"); ` +
    `echo "$? $code"; head -c 300 "$d/err"; echo; echo '${BODY_MARKER}'; ` +
    `[ -f "$d/body" ] && head -c ${MAX_BODY_BYTES} "$d/body"; exit 0`
  );
}

const CURL_REASONS: Record<number, Message> = {
  6: m('http-unknown-host', {}),
  7: m('http-refused', {}),
  28: m('http-timeout', { seconds: HTTP_TIMEOUT_SECONDS }),
  52: m('http-closed', {}),
  56: m('http-reset', {}),
};

export async function httpGet(shell: SandboxShell, c: CheckOf<'http_get'>): Promise<CheckResult> {
  const url = `http://${c.host}:${c.port}${c.path}`;
  const result = await shell.run(httpScript(url), (HTTP_TIMEOUT_SECONDS + 5) * 1000);
  const marker = result.output.indexOf(`\n${BODY_MARKER}\n`);
  const status = /^(\d+) (\d*)/.exec(result.output);
  if (result.exitCode !== 0 || marker < 0 || !status) throw new CheckError(explainDockerFailure(result));
  const curlExit = Number(status[1]);
  const httpStatus = Number(status[2] || 0);
  const body = result.output.slice(marker + BODY_MARKER.length + 2);
  if (curlExit !== 0) {
    const error = result.output.slice(status[0].length, marker).trim();
    const why =
      CURL_REASONS[curlExit] ??
      verbatim(error.replace(/^curl: \(\d+\)\s*/, '') || `curl exit status ${curlExit}`);
    return fail(m('http-no-answer', { url, why }));
  }
  if (body.includes(c.contains)) return pass(m('http-answered', { url, text: c.contains }));
  const start = body.replace(/\s+/g, ' ').trim().slice(0, 120);
  const shown = start ? `${start}${body.length > 120 ? '...' : ''}` : '';
  const statusNote = httpStatus >= 400 ? String(httpStatus) : '';
  return fail(m('http-other-answer', { url, status: statusNote, text: c.contains, body: shown }));
}

/** The last `SCRIPT_REASON_CHARS` characters of a script's output, trimmed. */
export function outputTail(output: string): string {
  const trimmed = output.trim();
  if (trimmed.length <= SCRIPT_REASON_CHARS) return trimmed;
  return `...${trimmed.slice(-SCRIPT_REASON_CHARS).trimStart()}`;
}

export async function script(shell: SandboxShell, c: CheckOf<'script'>): Promise<CheckResult> {
  const result = await shell.run(c.run, c.timeoutSeconds * 1000);
  const tail = outputTail(result.output);
  if (result.timedOut) {
    return fail(m('script-overdue', { seconds: c.timeoutSeconds, output: tail }));
  }
  if (result.exitCode === 0) return pass(tail ? verbatim(tail) : m('script-done', {}));
  return fail(tail ? verbatim(tail) : m('script-failed', { status: String(result.exitCode ?? 'unknown') }));
}

// Which browser pages may open a terminal: the page's own origin, plus an allowlist.
// A foreign page must never drive a learner's shell with the learner's token.
import type { IncomingMessage } from 'node:http';

export function originAllowed(req: IncomingMessage, allowlist: readonly string[]): boolean {
  const origin = req.headers.origin;
  // Non-browser clients (tests, CLIs) send no Origin; they still need the token.
  if (origin === undefined) return true;
  if (allowlist.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

// The proxy's own answers (no ticket, no cookie, session gone, port not published, app not
// answering): small self-contained HTML pages that say what to do, on the port's origin.
import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';

export interface ProxyRefusal {
  status: number;
  title: string;
  message: string;
  /** The page loads itself again after this many seconds (an app that is still starting). */
  retryAfterS?: number;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The refusal's retry delay as it goes into the page and the header: whole seconds, or ''. */
const retrySeconds = ({ retryAfterS }: ProxyRefusal) =>
  retryAfterS === undefined ? '' : String(Math.max(1, Math.floor(retryAfterS)));

export function refusalPage(refusal: ProxyRefusal): string {
  const { status, title, message } = refusal;
  const retry = retrySeconds(refusal);
  const refresh = retry ? `<meta http-equiv="refresh" content="${retry}">` : '';
  const retrying = retry ? `<p>This page tries again every ${retry} s.</p>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">${refresh}<title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em;color:#222}
h1{font-size:1.4em}p{line-height:1.5}small{color:#777}</style></head>
<body><h1>${escape(title)}</h1><p>${escape(message)}</p>${retrying}<p><small>${status} ${escape(STATUS_CODES[status] ?? '')} · Docker Playground port proxy</small></p></body></html>
`;
}

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export function sendRefusal(res: ServerResponse, refusal: ProxyRefusal): void {
  const body = refusalPage(refusal);
  const retry = retrySeconds(refusal) ? { 'retry-after': retrySeconds(refusal) } : {};
  res.writeHead(refusal.status, { ...PAGE_HEADERS, ...retry, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** The same answer on a socket whose WebSocket upgrade is refused; the socket is then closed. */
export function refuseUpgrade(socket: Duplex, refusal: ProxyRefusal): void {
  const body = refusalPage(refusal);
  const head = [
    `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? ''}`,
    ...Object.entries({
      ...PAGE_HEADERS,
      'content-length': Buffer.byteLength(body),
      connection: 'close',
    }).map(([k, v]) => `${k}: ${v}`),
  ].join('\r\n');
  socket.end(`${head}\r\n\r\n${body}`);
  socket.once('finish', () => socket.destroy());
}

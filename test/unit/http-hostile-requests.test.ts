// Requests of any shape against the real HTTP server (fake sandboxes): malformed targets and
// upgrade URLs, foreign Host names (DNS rebinding), slow headers, too many connections and
// event sockets. Each must be refused with a 4xx or a close code, and the server must still
// answer afterwards.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import type { CreatedSession } from '../../common/api.js';
import { EVENTS_SUBPROTOCOL, eventsPath } from '../../common/events.js';
import { CloseCode, TOKEN_SUBPROTOCOL_PREFIX } from '../../common/protocol.js';
import { startTestHttpServer, type TestHttpServer } from '../support/http-server.js';
import { closeCodeAfterUpgrade, rawGet, rawRequest, rawUpgrade, slowHeaders } from '../support/raw-http.js';

let server: TestHttpServer;
before(async () => {
  server = await startTestHttpServer();
});
after(() => server.close());

async function healthy(port: number, from?: string): Promise<void> {
  const answer = await rawRequest(rawGet('/api/health'), { port, ...(from ? { from } : {}) });
  assert.equal(answer.status, 200, `the server still answers /api/health: ${answer.text.slice(0, 200)}`);
}

const MALFORMED_TARGETS: [string, string | Buffer][] = [
  ['a lone percent', rawGet('/%')],
  ['a truncated UTF-8 escape', rawGet('/%E0%A4%A')],
  ['an escape that is not UTF-8', rawGet('/%ff%fe')],
  ['an API path with a bad escape', rawGet('/api/lessons/%')],
  ['a climb out of the site, escaped', rawGet('/..%2f..%2fetc/passwd')],
  ['a climb out of the site, backslashes', rawGet('/..%5c..%5cetc%5cpasswd')],
  ['a NUL byte', rawGet('/index.html%00.js')],
  ['a 64 KiB target', rawGet(`/${'a'.repeat(64 * 1024)}`)],
  ['the absolute form', rawGet('http://x/')],
  ['the absolute form of the API', rawGet('http://127.0.0.1/api/health')],
  ['a target that is no path', rawGet('index.html')],
  ['the asterisk form', 'OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'],
  [
    'raw bytes that are not UTF-8',
    Buffer.from('GET /\xff\xfe\xc0 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 'latin1'),
  ],
  ['a request line that is not HTTP', 'HELLO\r\n\r\n'],
  ['no Host at all', 'GET /api/health HTTP/1.1\r\nConnection: close\r\n\r\n'],
];

const MALFORMED_UPGRADES: [string, string][] = [
  ['a lone percent in a session id', rawUpgrade('/api/sessions/%/terminal')],
  ['a bad escape in the query', rawUpgrade('/api/sessions/abc/terminal?host=%E0%A4%A')],
  ['a path that reads as a host', rawUpgrade('//x:99999/api/sessions/abc/events')],
  ['the absolute form', rawUpgrade('http://x/api/sessions/abc/events')],
  ['an unknown socket', rawUpgrade('/nothing/here')],
  ['a climb in the path', rawUpgrade('/api/sessions/..%2f..%2f/events')],
  ['no key', rawGet('/api/sessions/abc/events', { Connection: 'Upgrade', Upgrade: 'websocket' })],
];

test('malformed request targets get a 4xx each, and the server keeps serving', async () => {
  for (const [what, bytes] of MALFORMED_TARGETS) {
    const answer = await rawRequest(bytes, { port: server.port });
    assert.ok(
      answer.status >= 400 && answer.status < 500,
      `${what}: answered ${answer.status} ${answer.text.slice(0, 120)}`,
    );
  }
  await healthy(server.port);
});

test('malformed upgrade URLs get a 4xx (or a 44xx close code) each, and the server keeps serving', async () => {
  for (const [what, bytes] of MALFORMED_UPGRADES) {
    const answer = await rawRequest(bytes, { port: server.port });
    const code = closeCodeAfterUpgrade(answer.text);
    assert.ok(
      (answer.status >= 400 && answer.status < 500) || (code >= 4400 && code < 4500),
      `${what}: answered ${answer.status} ${answer.text.slice(0, 120)}`,
    );
  }
  await healthy(server.port);
});

test('a refusal says why in words', async () => {
  const answer = await rawRequest(rawGet('/%'), { port: server.port });
  assert.equal(answer.status, 400);
  assert.match(answer.text, /percent-escape that is not valid UTF-8/);
});

function openEvents(
  port: number,
  created: CreatedSession,
  headers: Record<string, string> = {},
): Promise<{ code: number; reason: string } | 'open'> {
  const ws = new WebSocket(
    `ws://127.0.0.1:${port}${eventsPath(created.session.id)}`,
    [EVENTS_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX + created.token],
    { headers },
  );
  return new Promise((resolve) => {
    // An admitted socket gets the session's snapshot at once; a refused one its close code.
    ws.once('message', () => resolve('open'));
    ws.once('close', (code, reason) => resolve({ code, reason: String(reason) }));
    ws.once('unexpected-response', (_req, res) => resolve({ code: res.statusCode ?? 0, reason: '' }));
    ws.once('error', () => undefined);
    sockets.push(ws);
  });
}
const sockets: WebSocket[] = [];
after(() => sockets.forEach((ws) => ws.terminate()));

async function newSession(port: number): Promise<CreatedSession> {
  const res = await fetch(`http://127.0.0.1:${port}/api/sessions`, { method: 'POST' });
  assert.equal(res.status, 201);
  return (await res.json()) as CreatedSession;
}

test("a page on another name (DNS rebinding) is refused on HTTP and WebSockets; the playground's names are served", async () => {
  const evil = { Host: `evil.example:${server.port}`, Origin: `http://evil.example:${server.port}` };
  const http = await rawRequest(rawGet('/api/health', evil), { port: server.port });
  assert.equal(http.status, 421);
  assert.match(http.text, /does not answer to the name \\"evil\.example\\".*PLAYGROUND_PUBLIC_HOSTS/);
  const post = await rawRequest(
    `POST /api/sessions HTTP/1.1\r\nHost: evil.example\r\nOrigin: http://evil.example\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
    { port: server.port },
  );
  assert.equal(post.status, 421);
  const created = await newSession(server.port);
  assert.deepEqual(await openEvents(server.port, created, evil), { code: 421, reason: '' });
  // The playground's own names: loopback, with the port, as a page sends them.
  for (const host of [`localhost:${server.port}`, `127.0.0.1:${server.port}`, `[::1]:${server.port}`]) {
    const own = await rawRequest(rawGet('/api/health', { Host: host, Origin: `http://${host}` }), {
      port: server.port,
    });
    assert.equal(own.status, 200, host);
  }
  const origin = `http://localhost:${server.port}`;
  assert.equal(
    await openEvents(server.port, created, { Host: `localhost:${server.port}`, Origin: origin }),
    'open',
  );
});

test('a published port keeps its own name: the port proxy answers it, not the name check', async () => {
  const port = await rawRequest(rawGet('/', { Host: `node1-5000-0123456789ab.localhost:${server.port}` }), {
    port: server.port,
  });
  assert.equal(port.status, 401, 'the proxy asks for the port cookie');
  assert.match(port.text, /Open this port from the playground/);
  // An attacker's name shaped like a port origin is not one.
  const fake = await rawRequest(rawGet('/', { Host: `node1-5000-0123456789ab.evil.example` }), {
    port: server.port,
  });
  assert.equal(fake.status, 421);
});

test('a name listed in PLAYGROUND_PUBLIC_HOSTS is served', async () => {
  const named = await startTestHttpServer({ publicHosts: ['lab.example.org'] });
  try {
    const ok = await rawRequest(rawGet('/api/health', { Host: 'lab.example.org' }), { port: named.port });
    assert.equal(ok.status, 200);
    const other = await rawRequest(rawGet('/api/health', { Host: 'evil.example' }), { port: named.port });
    assert.equal(other.status, 421);
  } finally {
    await named.close();
  }
});

test('more event sockets than a session may hold: the extra one is refused with 4429', async () => {
  const small = await startTestHttpServer({ maxEventSocketsPerSession: 2 });
  try {
    const created = await newSession(small.port);
    assert.equal(await openEvents(small.port, created), 'open');
    assert.equal(await openEvents(small.port, created), 'open');
    const third = await openEvents(small.port, created);
    assert.equal(typeof third === 'object' && third.code, CloseCode.TooManyTerminals);
    assert.match(typeof third === 'object' ? third.reason : '', /2 event sockets open already/);
    // Another session is not affected.
    assert.equal(await openEvents(small.port, await newSession(small.port)), 'open');
    // A closed socket gives its place back (once the server has seen it close).
    sockets.find((ws) => ws.url.includes(created.session.id) && ws.readyState === ws.OPEN)!.close();
    let again = await openEvents(small.port, created);
    for (let i = 0; i < 50 && again !== 'open'; i++) again = await openEvents(small.port, created);
    assert.equal(again, 'open');
  } finally {
    await small.close();
  }
});

test('slow headers are cut after the headers timeout; one address cannot hold more than its share', async () => {
  const small = await startTestHttpServer({ headersTimeoutMs: 1000, maxConnectionsPerClient: 10 });
  try {
    const slow = Array.from({ length: 25 }, () => slowHeaders({ port: small.port, timeoutMs: 15_000 }));
    // Another client (another loopback address) is served while they hang.
    await healthy(small.port, '127.0.0.2');
    const ended = await Promise.all(slow.map((s) => s.ended));
    const refused = ended.filter((e) => e.status === 429);
    const timedOut = ended.filter((e) => e.status === 408);
    assert.equal(refused.length, 15, 'past 10 connections, the address is refused at once');
    assert.match(refused[0]!.text, /Too many connections from your address/);
    assert.equal(timedOut.length, 10, 'the 10 it held are cut when their headers do not come');
    assert.ok(ended.every((e) => e.closed));
    // Once they are gone the address is served again.
    await healthy(small.port);
  } finally {
    await small.close();
  }
});

test('a refused connection is not served: what it sends after its 429 has no effect', async () => {
  const small = await startTestHttpServer({ maxConnectionsPerClient: 1 });
  try {
    const held = slowHeaders({ port: small.port, timeoutMs: 15_000 });
    await new Promise((resolve) => held.socket.once('connect', resolve));
    const post = 'POST /api/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n';
    for (let i = 0; i < 5; i++) {
      // Connections are accepted in order: the held one is counted before these.
      assert.equal((await rawRequest(post, { port: small.port })).status, 429);
    }
    assert.equal(small.sessions.activeCount, 0, 'refused connections created no session');
    held.socket.destroy();
  } finally {
    await small.close();
  }
});

test("behind a trusted proxy, each forwarded client's WebSockets count against its own bound", async () => {
  const proxied = await startTestHttpServer({ trustedProxies: ['127.0.0.1'], maxConnectionsPerClient: 2 });
  try {
    const created = await newSession(proxied.port);
    const from = (client: string) => ({ 'X-Forwarded-For': client });
    assert.equal(await openEvents(proxied.port, created, from('198.51.100.1')), 'open');
    assert.equal(await openEvents(proxied.port, created, from('198.51.100.1')), 'open');
    assert.deepEqual(await openEvents(proxied.port, created, from('198.51.100.1')), {
      code: 429,
      reason: '',
    });
    assert.equal(await openEvents(proxied.port, created, from('198.51.100.2')), 'open');
  } finally {
    await proxied.close();
  }
});

test('past the global connection bound every address is refused, and served again when connections end', async () => {
  const small = await startTestHttpServer({ maxConnections: 5 });
  try {
    const held = Array.from({ length: 5 }, () => slowHeaders({ port: small.port, timeoutMs: 15_000 }));
    // Wait until the server counts them all: one more is then refused.
    let answer = await rawRequest(rawGet('/api/health'), { port: small.port, from: '127.0.0.2' });
    for (let i = 0; i < 50 && answer.status !== 503; i++)
      answer = await rawRequest(rawGet('/api/health'), { port: small.port, from: '127.0.0.2' });
    assert.equal(answer.status, 503);
    assert.match(answer.text, /too many connections open/);
    held.forEach((h) => h.socket.destroy());
    await Promise.all(held.map((h) => h.ended));
    let again = await rawRequest(rawGet('/api/health'), { port: small.port, from: '127.0.0.2' });
    for (let i = 0; i < 50 && again.status !== 200; i++)
      again = await rawRequest(rawGet('/api/health'), { port: small.port, from: '127.0.0.2' });
    assert.equal(again.status, 200);
  } finally {
    await small.close();
  }
});

// Terminals through a real WebSocket to a real sandbox.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import { CloseCode, TOKEN_SUBPROTOCOL_PREFIX } from '../../common/protocol.js';
import type { RunningPlayground } from '../../server/app.js';
import { api, readySession, startTestPlayground } from '../support/playground.js';
import { TestTerminal } from '../support/terminal-client.js';

let pg: RunningPlayground;
let sessionId: string;
let token: string;

before(async () => {
  pg = await startTestPlayground();
  const created = await readySession(pg.url);
  sessionId = created.session.id;
  token = created.token;
});
after(async () => {
  if (sessionId) await api(pg.url, 'DELETE', `/api/sessions/${sessionId}`, token);
  await pg?.close();
});

test('the first prompt already has the pane size, and resizes follow', async () => {
  const term = await TestTerminal.open(pg.url, sessionId, token);
  term.start({ cols: 132, rows: 43 });
  await term.waitFor(/[#$] $/m);
  term.type('stty size\r');
  await term.waitFor(/^43 132\r?$/m);
  term.send({ type: 'resize', size: { cols: 90, rows: 20 } });
  await new Promise((r) => setTimeout(r, 300));
  term.type('stty size\r');
  await term.waitFor(/^20 90\r?$/m);
  term.send({ type: 'resize', size: { cols: 99999, rows: -3 } });
  await new Promise((r) => setTimeout(r, 300));
  term.type('stty size\r');
  await term.waitFor(/^1 1000\r?$/m);
  term.close();
});

test('Indonesian text and emoji arrive intact, even across chunk boundaries', async () => {
  const term = await TestTerminal.open(pg.url, sessionId, token);
  term.start();
  await term.waitFor(/[#$] $/m);
  // Many lines of multibyte text make the daemon cut chunks inside characters.
  term.type(
    `for i in $(seq 1 400); do printf 'Selamat datang di kontainer 🐳 ✓ é%s\\n' $i; done; echo SELESAI\r`,
  );
  await term.waitFor(/^SELESAI\r?$/m);
  // A carriage return or an escape sequence may precede a line (bracketed paste off).
  // A damaged line would fail the pattern and so the count.
  const lines = term.text
    // eslint-disable-next-line no-control-regex -- stripping terminal escape sequences
    .replace(/\u001b\[[0-9;?]*[a-zA-Z]/g, '')
    .split('\n')
    .map((l) => l.replace(/\r$/, '').replace(/^.*\r/, ''))
    .filter((l) => /^Selamat datang di kontainer 🐳 ✓ é\d+$/u.test(l));
  assert.equal(lines.length, 400);
  for (const [i, line] of lines.entries()) assert.equal(line, `Selamat datang di kontainer 🐳 ✓ é${i + 1}`);
  assert.ok(!term.text.includes('\uFFFD'), 'no replacement characters');
  term.close();
});

test('docker commands work in the shell and the shell reports its exit', async () => {
  const term = await TestTerminal.open(pg.url, sessionId, token);
  term.start();
  await term.waitFor(/[#$] $/m);
  term.type('docker run --rm alpine echo hello-from-$((6*7))\r');
  await term.waitFor(/hello-from-42/);
  term.type('exit 3\r');
  const closed = await term.closed;
  assert.equal(closed.code, CloseCode.Normal);
  assert.deepEqual(
    term.messages.find((m) => m.type === 'exit'),
    { type: 'exit', code: 3 },
  );
});

test('a wrong token, a foreign origin and an unknown session are refused with a reason', async () => {
  const bad = await TestTerminal.open(pg.url, sessionId, 'wrong-token');
  assert.deepEqual(await bad.closed, { code: CloseCode.BadToken, reason: 'Wrong session token.' });

  const foreign = await TestTerminal.open(pg.url, sessionId, token, { origin: 'http://evil.example' });
  assert.deepEqual(await foreign.closed, {
    code: CloseCode.ForeignOrigin,
    reason: 'Foreign origin refused.',
  });

  const unknown = await TestTerminal.open(pg.url, 'abcdef012345', token);
  assert.equal((await unknown.closed).code, CloseCode.UnknownSession);

  const noHost = await TestTerminal.open(pg.url, sessionId, token, { host: 'node9' });
  assert.equal((await noHost.closed).code, CloseCode.UnknownSession);
});

test('a malformed or oversized message closes the terminal with a clear reason', async () => {
  const term = await TestTerminal.open(pg.url, sessionId, token);
  term.ws.send(Uint8Array.of(0x99, 1, 2));
  const closed = await term.closed;
  assert.equal(closed.code, CloseCode.BadMessage);
  assert.match(closed.reason, /unknown client message type/);

  const text = await TestTerminal.open(pg.url, sessionId, token);
  text.ws.send('hello as text');
  assert.equal((await text.closed).code, CloseCode.BadMessage);

  const huge = await TestTerminal.open(pg.url, sessionId, token);
  huge.start();
  huge.ws.send(new Uint8Array(1024 * 1024).fill(0x30));
  assert.equal((await huge.closed).code, 1009, 'message too big');
});

test('without the terminal subprotocol the server refuses', async () => {
  const ws = new WebSocket(`${pg.url.replace('http', 'ws')}/api/sessions/${sessionId}/terminal`, [
    TOKEN_SUBPROTOCOL_PREFIX + token,
  ]);
  const code = await new Promise<number>((resolve) => {
    ws.on('close', (c) => resolve(c));
    ws.on('error', () => resolve(-1));
  });
  assert.ok(code === CloseCode.BadMessage || code === -1, `refused (got ${code})`);
});

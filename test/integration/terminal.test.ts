// Terminals through a real WebSocket to a real sandbox: the protocol, refusals, split
// UTF-8, bulk output with slow acks, resize, reattach with the screen replayed, Close,
// the grace period, and a plain shell when the learner breaks dtach.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import { CloseCode, newPaneId, TOKEN_SUBPROTOCOL_PREFIX, type ServerMessage } from '../../common/protocol.js';
import type { RunningPlayground } from '../../server/app.js';
import { execCapture } from '../../server/engine/exec.js';
import { api, readySession, startTestPlayground } from '../support/playground.js';
import { TestTerminal } from '../support/terminal-client.js';

/** Short, so the grace-period test waits seconds, not minutes. */
const GRACE_MS = 4_000;
const PROMPT = /[#$] $/m;

let pg: RunningPlayground;
let sessionId: string;
let token: string;

before(async () => {
  pg = await startTestPlayground({ terminalGraceMs: GRACE_MS });
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

test("a shell that exits with the status that means 'no relay' still ends the pane", async () => {
  const term = await TestTerminal.open(pg.url, sessionId, token);
  term.start();
  await term.waitFor(/[#$] $/m);
  term.type('exit 93\r');
  assert.equal((await term.closed).code, CloseCode.Normal);
  assert.deepEqual(
    term.messages.find((m) => m.type === 'exit'),
    { type: 'exit', code: 93 },
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

/** The sandbox's processes, seen from an exec of their own. */
async function processes(): Promise<string> {
  const container = await pg.sandboxes.container(sessionId);
  assert.ok(container, 'the sandbox exists');
  return (await execCapture(container, ['ps', '-eo', 'pid,sid,args'])).output;
}

async function openShell(pane = newPaneId(), opts: { ackDelayMs?: number } = {}): Promise<TestTerminal> {
  const term = await TestTerminal.open(pg.url, sessionId, token, { pane, ...opts });
  term.start();
  await term.waitFor(PROMPT);
  return term;
}

/** Waits (bounded) until `check` holds, looking again every 250 ms. */
async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const outputFrames = (messages: ServerMessage[]) =>
  messages.flatMap((m) => (m.type === 'output' ? [Buffer.from(m.data)] : []));

test('Indonesian text and emoji written a byte at a time arrive intact', async () => {
  const term = await openShell();
  const text = 'Selamat datang di Docker, teman-teman 🐳🚀';
  // The shell prints one byte per write, so characters are cut across chunks and frames;
  // the command line carries only hex, so its echo cannot match the text.
  const hex = [...Buffer.from(text)].map((b) => b.toString(16)).join(' ');
  term.type(`for b in ${hex}; do printf "\\\\x$b"; sleep 0.02; done; echo; echo SELESAI-$((40+2))\r`);
  await term.waitFor(/SELESAI-42/);
  assert.ok(term.text.includes(text), `the text arrived whole:\n${term.text.slice(-400)}`);
  assert.ok(!term.text.includes('\uFFFD'), 'no replacement characters');
  const strict = new TextDecoder('utf-8', { fatal: true });
  const cut = outputFrames(term.messages).filter((f) => {
    try {
      strict.decode(f);
      return false;
    } catch {
      return true;
    }
  });
  assert.ok(cut.length > 0, 'some frames really did end inside a character');
  term.closePane();
  await term.closed;
});

test('50 MB of output passes a slowly acknowledging client with the server holding a bounded amount', async () => {
  const pane = newPaneId();
  const term = await openShell(pane, { ackDelayMs: 25 });
  let maxHeld = 0;
  const watch = setInterval(() => {
    const stats = pg.terminals.stats(sessionId, pane);
    if (stats) maxHeld = Math.max(maxHeld, stats.unacked + stats.mirrorBacklog);
  }, 10);
  try {
    const start = term.outputBytes;
    term.type(`head -c 50000000 /dev/zero | tr '\\0' a; echo; echo BULK-$((40+2))\r`);
    await term.waitForAfter(() => Math.max(start, term.outputBytes - 4096), /BULK-42/, 180_000);
    assert.ok(
      term.outputBytes - start >= 50_000_000,
      `all output arrived (${term.outputBytes - start} bytes)`,
    );
  } finally {
    clearInterval(watch);
  }
  const stats = pg.terminals.stats(sessionId, pane);
  assert.ok(stats, 'the pane is live');
  const bound = 2 * 1024 * 1024;
  assert.ok(stats.peakBuffered < bound, `peak held ${stats.peakBuffered} bytes`);
  assert.ok(maxHeld < bound, `held at most ${maxHeld} bytes while watched`);
  assert.ok(stats.peakBuffered > 0);
  term.closePane();
  await term.closed;
});

test('a reconnect with the same pane id gets the screen replayed and finds its jobs running', async () => {
  const pane = newPaneId();
  const first = await openShell(pane);
  first.type('sleep 3131 & echo BEFORE-$((1+1))\r');
  await first.waitFor(/BEFORE-2/);
  await first.waitForAfter(() => first.text.lastIndexOf('BEFORE-2'), PROMPT);
  first.close(); // dropped, as a reload would
  await first.closed;
  assert.match(await processes(), /sleep 3131/);

  const second = await TestTerminal.open(pg.url, sessionId, token, { pane });
  second.start({ cols: 100, rows: 30 });
  await second.waitFor(/BEFORE-2/);
  const readyAt = second.messages.findIndex((m) => m.type === 'status' && m.status.state === 'ready');
  const ready = second.messages[readyAt];
  assert.equal(ready?.type === 'status' && ready.status.attach, 'reattached');
  const firstOutput = second.messages.slice(readyAt).find((m) => m.type === 'output');
  assert.ok(firstOutput?.type === 'output');
  assert.match(Buffer.from(firstOutput.data).toString(), /BEFORE-2/, 'the replay comes first');

  const from = second.outputBytes;
  second.type('jobs; echo AFTER-$((2+2))\r');
  await second.waitForAfter(() => from, /AFTER-4/);
  assert.match(second.since(from).toString(), /Running\s+sleep 3131/);
  second.closePane();
  await second.closed;
});

test('Close ends the shell and everything it started', async () => {
  const term = await openShell();
  term.type('sleep 4242 & nohup sleep 4243 >/dev/null 2>&1 & echo STARTED-$((3+3))\r');
  await term.waitFor(/STARTED-6/);
  const before = await processes();
  assert.match(before, /sleep 4242/);
  assert.match(before, /sleep 4243/);
  term.closePane();
  assert.deepEqual(await term.closed, { code: CloseCode.Normal, reason: 'The terminal was closed.' });
  const left = await processes();
  assert.doesNotMatch(left, /sleep 424[23]/, `processes left:\n${left}`);
});

test('a pane abandoned without Close is ended after the grace period', async () => {
  const pane = newPaneId();
  const term = await openShell(pane);
  term.type('sleep 5151 & echo WAITING-$((4+4))\r');
  await term.waitFor(/WAITING-8/);
  const before = pg.terminals.count(sessionId);
  term.close();
  await term.closed;
  const closedAt = Date.now();
  assert.ok(pg.terminals.stats(sessionId, pane), 'the pane waits in the registry');
  const running = await processes();
  // Only meaningful while the grace period lasts: a busy engine may answer the exec after it.
  if (Date.now() - closedAt < GRACE_MS - 1_000)
    assert.match(running, /sleep 5151/, 'still running inside the grace period');
  await eventually(async () => !/sleep 5151/.test(await processes()), 'the shell and its job end');
  assert.equal(pg.terminals.stats(sessionId, pane), undefined);
  assert.equal(pg.terminals.count(sessionId), before - 1);
});

test('a malformed pane id is refused', async () => {
  const term = await TestTerminal.open(pg.url, sessionId, token, { pane: 'Bad_Pane!' });
  const closed = await term.closed;
  assert.equal(closed.code, CloseCode.BadMessage);
  assert.match(closed.reason, /pane id/);
});

test("a broken dtach or Perl, or an unusable socket folder, gives that learner's pane a plain shell", async () => {
  const container = await pg.sandboxes.container(sessionId);
  assert.ok(container);
  const inSandbox = async (script: string) =>
    assert.equal((await execCapture(container, ['/bin/sh', '-c', script])).exitCode, 0);
  /** With the sandbox broken by `breakIt` (undone by `undo`), a new pane's shell works and Close ends it. */
  const plainShell = async (breakIt: string, undo: string, job: string) => {
    await inSandbox(breakIt);
    try {
      const term = await openShell();
      term.type(`${job} & echo plain-$((5+5))\r`);
      await term.waitFor(/plain-10/);
      term.closePane();
      await term.closed;
    } finally {
      await inSandbox(undo);
    }
  };
  // The learner is root: they can replace dtach (or Perl, the relay's) with something broken.
  const broken =
    "mv /usr/bin/dtach /usr/bin/dtach.kept && printf '#!/bin/sh\\nexit 3\\n' > /usr/bin/dtach && chmod +x /usr/bin/dtach";
  await plainShell(broken, 'mv -f /usr/bin/dtach.kept /usr/bin/dtach', 'sleep 6161');
  const ps1 = await processes();
  assert.doesNotMatch(ps1, /sleep 6161/, 'Close still ends the plain shell:\n' + ps1);
  await plainShell(
    'mv /usr/bin/perl /usr/bin/perl.kept',
    'mv /usr/bin/perl.kept /usr/bin/perl',
    'sleep 6262',
  );
  assert.doesNotMatch(await processes(), /sleep 6262/);
  // A Perl that runs but cannot load what the relay needs: a plain shell, and no shell is
  // started under dtach for it (it would be left behind).
  const dtachBefore = (await processes()).match(/dtach -n/g)?.length ?? 0;
  const hideSocketPm =
    'p=$(perl -MSocket -e \'print $INC{q(Socket.pm)}\') && echo "$p" > /root/socket-pm && mv "$p" /root/Socket.pm.kept';
  await plainShell(hideSocketPm, 'mv /root/Socket.pm.kept "$(cat /root/socket-pm)"', 'true');
  assert.equal((await processes()).match(/dtach -n/g)?.length ?? 0, dtachBefore, 'no dtach started for it');
  const kept = '/run/shells.kept';
  const file = `mv /run/playground-shells ${kept} && touch /run/playground-shells`;
  await plainShell(file, `rm -f /run/playground-shells && mv ${kept} /run/playground-shells`, 'true');
});

test('ending the session closes its terminals at once', async () => {
  const created = await readySession(pg.url);
  const term = await TestTerminal.open(pg.url, created.session.id, created.token, { pane: newPaneId() });
  term.start();
  await term.waitFor(PROMPT);
  const ended = await api(pg.url, 'DELETE', `/api/sessions/${created.session.id}`, created.token);
  assert.equal(ended.status, 204);
  assert.equal((await term.closed).code, CloseCode.SandboxGone);
  assert.equal(pg.terminals.count(created.session.id), 0);
});

// A ready seat's first shell, started ahead on the real engine: a warm session's first pane
// has a running shell before anyone asks for one, and the learner who takes the session
// gets that very shell (its pid was written before their socket opened) at their size.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CreatedSession } from '../../common/api.js';
import { firstPaneId } from '../../common/protocol.js';
import type { RunningPlayground } from '../../server/app.js';
import { execCapture } from '../../server/engine/exec.js';
import { parseMetrics, total } from '../support/metrics-text.js';
import { api, startTestPlayground } from '../support/playground.js';
import { TestTerminal } from '../support/terminal-client.js';

let pg: RunningPlayground;

before(async () => {
  pg = await startTestPlayground({ warmSandboxes: 1 });
});

after(async () => {
  await pg?.close();
});

/** Waits (at most 3 minutes) until the warm pool holds a session with a shell started ahead. */
async function shellStartedAhead(): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (pg.terminals.census().shells < 1) {
    if (Date.now() > deadline) assert.fail('no shell was started ahead for the warm session');
    await new Promise((r) => setTimeout(r, 250));
  }
}

test("a warm session's first pane is a shell started ahead, and the learner's first socket gets it", async () => {
  await shellStartedAhead();
  // The operator sees the warm session in /metrics (from loopback, no token needed).
  const metrics = parseMetrics(await (await fetch(`${pg.url}/metrics`)).text());
  assert.equal(total(metrics, 'playground_warm_sandboxes'), 1, 'the warm pool in /metrics');
  const created = await api<CreatedSession>(pg.url, 'POST', '/api/sessions', undefined, {});
  assert.equal(created.status, 201);
  const { session, token } = created.body;
  const pane = firstPaneId(session.id, 'en');
  assert.ok(pg.terminals.has(session.id, pane), 'the session came with its first shell running');
  try {
    // The shell's pid file was written when it started, before any socket of the learner's.
    const sandbox = (await pg.sandboxes.container(session.id))!;
    // (The exec runs the relay once, then dtach: the pid file follows within moments.)
    let startedAhead = '';
    for (let tries = 0; tries < 50 && !/^\d+$/.test(startedAhead); tries++) {
      if (tries) await new Promise((r) => setTimeout(r, 100));
      startedAhead = (await execCapture(sandbox, ['cat', `/run/playground-shells/${pane}`])).output.trim();
    }
    assert.match(startedAhead, /^\d+$/);

    const term = await TestTerminal.open(pg.url, session.id, token, { pane });
    try {
      term.start({ cols: 132, rows: 41 });
      await term.waitFor(/[#$] $/m, 30_000);
      const status = term.messages.find((m) => m.type === 'status' && m.status.state === 'ready');
      assert.equal(status?.type === 'status' && status.status.attach, 'new', 'a new shell to the page');
      term.type('echo "parent=$PPID size=$(stty size)"\r');
      await term.waitFor(/parent=\d+ size=\d+ \d+/);
      const [, parent, size] = /parent=(\d+) size=(\d+ \d+)/.exec(term.text)!;
      assert.equal(parent, startedAhead, "the learner's bash is the one started ahead");
      assert.equal(size, '41 132', "the shell has the page's size");
    } finally {
      term.closePane();
      await term.closed;
    }
  } finally {
    await api(pg.url, 'DELETE', `/api/sessions/${session.id}`, token);
  }
});

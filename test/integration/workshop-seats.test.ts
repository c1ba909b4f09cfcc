// A workshop's seats on the real engine, its server killed outright in the middle: ready
// seats run before the start (with the lesson's images pulled), five learners behind one
// address each get a seat and a working shell, a rejoin gives back the same session, and
// after SIGKILL and a new start the workshop, its seats, the sessions and their shells are
// back. Extending moves the sessions' ends; ending leaves no container, volume or network.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { SessionView } from '../../common/api.js';
import type { CreatedWorkshop, JoinedWorkshop, WorkshopLearners } from '../../common/workshops.js';
import { loadConfig } from '../../server/config.js';
import { engineEndpoint } from '../../server/engine/connect.js';
import { freeLoopbackPort } from '../../server/registry/process.js';
import { LABEL } from '../../server/sandboxes/labels.js';
import { killChildServer, startChildServer } from '../support/child-server.js';
import { runInstance } from '../support/instances.js';
import { api } from '../support/playground.js';
import { TestTerminal } from '../support/terminal-client.js';

const SEATS = 6;
const LEARNERS = 5;
const INSTANCE = runInstance('test', 'seats');
const docker = engineEndpoint(loadConfig().dockerHost).docker;
const dir = await mkdtemp(path.join(tmpdir(), 'seats-it-'));

after(() => rm(dir, { recursive: true, force: true }));

/** The server as `npm start` runs it, on its own port, instance and database; no general warm pool. */
const startServer = (port: number) =>
  startChildServer(port, {
    PLAYGROUND_INSTANCE: INSTANCE,
    PLAYGROUND_DB_PATH: path.join(dir, 'playground.db'),
    PLAYGROUND_WARM_SANDBOXES: '0',
    // One sandbox per address: the seats must not care.
    PLAYGROUND_MAX_SESSIONS_PER_CLIENT: '1',
    PLAYGROUND_MAX_SESSIONS: '10',
    PLAYGROUND_MAX_SANDBOXES: '10',
  });
const kill9 = killChildServer;

const mine = { label: [`${LABEL.instance}=${INSTANCE}`] };

/** Running sandboxes of a pool (bounded wait until there are `count`). */
async function poolSandboxes(pool: string, count: number, timeoutMs = 120_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = await docker.listContainers({
      filters: { label: [...mine.label, `${LABEL.pool}=${pool}`] },
    });
    if (list.length >= count || Date.now() > deadline) return list.map((c) => c.Labels[LABEL.session]!);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Resolves once the pane is ready (its screen replayed, if any), at most 60 s. */
async function paneReady(term: TestTerminal): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!term.messages.some((m) => m.type === 'status' && m.status.state === 'ready')) {
    if (Date.now() > deadline) throw new Error('the pane never became ready');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A shell prompt through the session's terminal socket, and a command's answer. After the
 * kill, Enter first, as a learner would: the screen saved before it (every 2 s at most) may
 * predate the shell's last prompt.
 */
async function shellAnswers(
  url: string,
  joined: JoinedWorkshop,
  pane: string,
  n: number,
  afterKill = false,
): Promise<void> {
  const { session, token } = joined.session!;
  const term = await TestTerminal.open(url, session.id, token, { pane });
  try {
    term.start();
    if (afterKill) {
      await paneReady(term);
      term.type('\r');
    }
    // A replayed screen (after the SIGKILL) ends with the modes it restores, bracketed paste say.
    // eslint-disable-next-line no-control-regex -- the escape sequences a replayed screen ends with
    await term.waitFor(/[#$] (?:\x1b\[\?\d+[hl])*$/m, 60_000);
    term.type(`echo seat-$((${n}*100+1))\r`);
    await term.waitFor(new RegExp(`seat-${n * 100 + 1}`));
  } finally {
    term.close();
  }
}

test('ready seats before the start, five joins from one address, SIGKILL, and the end removes everything', async () => {
  const port = await freeLoopbackPort();
  let server = await startServer(port);
  try {
    const startsAt = new Date(Date.now() + 5 * 60_000).toISOString(); // within the 10-minute lead
    const create = await api<CreatedWorkshop>(server.url, 'POST', '/api/workshops', undefined, {
      title: 'Seats',
      lessons: ['docker-networks'],
      seats: SEATS,
      startsAt,
      durationMinutes: 60,
    });
    assert.equal(create.status, 201);
    const { joinCode: code, trainerKey } = create.body;
    const pool = `workshop-${await workshopId(code)}`;
    const ready = await poolSandboxes(pool, SEATS);
    assert.equal(ready.length, SEATS, 'every seat has a running sandbox before the start');

    const joined: JoinedWorkshop[] = [];
    for (let i = 0; i < LEARNERS; i++) {
      const answer = await api<JoinedWorkshop>(server.url, 'POST', `/api/workshops/${code}/join`, undefined, {
        name: `Learner ${i + 1}`,
      });
      assert.equal(answer.status, 201, `learner ${i + 1} from the same address gets in`);
      assert.ok(answer.body.session, 'a seat comes with its session');
      assert.ok(ready.includes(answer.body.session.session.id), 'a ready seat, not a cold start');
      joined.push(answer.body);
    }
    assert.equal(new Set(joined.map((j) => j.session!.session.id)).size, LEARNERS, 'no seat given twice');
    await Promise.all(joined.map((j, n) => shellAnswers(server.url, j, `seatpane${n}`, n)));

    const again = await api<JoinedWorkshop>(server.url, 'POST', `/api/workshops/${code}/join`, undefined, {
      resumeToken: joined[0]!.resumeToken,
    });
    assert.equal(again.status, 200);
    assert.equal(
      again.body.session?.session.id,
      joined[0]!.session!.session.id,
      'a rejoin gets the same session',
    );

    await kill9(server.child);
    server = await startServer(port);

    for (const [n, j] of joined.entries()) {
      const back = await api<JoinedWorkshop>(server.url, 'POST', `/api/workshops/${code}/join`, undefined, {
        resumeToken: j.resumeToken,
      });
      assert.equal(back.body.session?.session.id, j.session!.session.id, 'the same session after SIGKILL');
      if (n === 0) await shellAnswers(server.url, back.body, 'seatpane0', 7, true);
    }
    const { body: learners } = await api<WorkshopLearners>(
      server.url,
      'GET',
      `/api/workshops/${code}/learners`,
      trainerKey,
    );
    assert.equal(learners.learners.length, LEARNERS);
    const rebuilt = (await poolSandboxes(pool, SEATS)).filter(
      (id) => !joined.some((j) => j.session!.session.id === id),
    );
    assert.equal(
      rebuilt.length,
      SEATS - LEARNERS,
      'the seat nobody took is ready again (its token died with the server)',
    );

    const before = await api<SessionView>(
      server.url,
      'GET',
      `/api/sessions/${joined[1]!.session!.session.id}`,
      joined[1]!.session!.token,
    );
    assert.equal(
      (await api(server.url, 'POST', `/api/workshops/${code}/extend`, trainerKey, { minutes: 15 })).status,
      200,
    );
    const extended = await api<SessionView>(
      server.url,
      'GET',
      `/api/sessions/${joined[1]!.session!.session.id}`,
      joined[1]!.session!.token,
    );
    assert.equal(Date.parse(extended.body.expiresAt) - Date.parse(before.body.expiresAt), 15 * 60_000);

    assert.equal((await api(server.url, 'POST', `/api/workshops/${code}/end`, trainerKey)).status, 200);
    assert.deepEqual(await docker.listContainers({ all: true, filters: mine }), [], 'no container left');
    assert.deepEqual((await docker.listVolumes({ filters: mine })).Volumes ?? [], [], 'no volume left');
    assert.deepEqual(await docker.listNetworks({ filters: mine }), [], 'no network left');
  } finally {
    await kill9(server.child);
  }
});

/** The workshop's row id (its pool's name), read from the database file the server writes. */
async function workshopId(code: string): Promise<number> {
  const { openDatabase } = await import('../../server/db/database.js');
  const db = openDatabase(path.join(dir, 'playground.db'));
  try {
    return db
      .prepare<{ id: number }>('SELECT id FROM workshops WHERE code = ? AND ended_at IS NULL')
      .get(code)!.id;
  } finally {
    db.close();
  }
}

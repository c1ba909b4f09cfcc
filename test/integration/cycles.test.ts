// 200 session lifecycles on real sandboxes leave nothing behind: no container, volume or
// network on the engine, no shell, screen mirror, port watch, step tracker, event subscriber
// or socket on the server, and no handle (a Docker stream, an exec's hijacked connection)
// in the server process. Most cycles end at once, as a learner does by closing the tab: they
// cost the server's bookkeeping and the first step of a start, so they are many and cheap.
// Fewer end while their sandbox is further into its start (the network, the container, its
// dockerd booting); a few run in full (ready, a lesson tracked, a terminal and an events
// socket open) and end by DELETE or by the reaper.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CreatedSession } from '../../common/api.js';
import type { RunningPlayground } from '../../server/app.js';
import { LABEL } from '../../server/sandboxes/labels.js';
import { TestEvents } from '../support/events-client.js';
import { api, startTestPlayground, waitForSession } from '../support/playground.js';
import { TestTerminal } from '../support/terminal-client.js';

/**
 * Cycles ending at once (an events socket open, then DELETE or the reaper); ending while
 * their sandbox starts; ending the moment it is ready (while the server starts following
 * it), half of them after losing it; and running in full.
 */
const INSTANT_CYCLES = 136;
const EARLY_CYCLES = 48;
const JUST_READY_CYCLES = 8;
const FULL_CYCLES = 8;
/** Sessions in flight at once: 2 cores start about this many sandboxes without timing out. */
const EARLY_PARALLEL = 10;
const FULL_PARALLEL = 4;
const LESSON = 'docker-basics';
/** Bounds on waiting for the last removals to settle (not timing asserts: they only end a wait). */
const SETTLE_MS = 60_000;

let pg: RunningPlayground;
const created = new Set<string>();

before(async () => {
  pg = await startTestPlayground({ maxSessions: 50, maxSessionsPerClient: 50, maxSandboxes: 50 });
});

after(async () => {
  await pg?.close();
});

async function create(body: object = {}): Promise<CreatedSession> {
  const res = await api<CreatedSession>(pg.url, 'POST', '/api/sessions', undefined, body);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  created.add(res.body.session.id);
  return res.body;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `count` cycles, `parallel` at a time, each batch after the one before has ended. */
async function inBatches(
  count: number,
  parallel: number,
  batch: (first: number, size: number) => Promise<void>,
) {
  for (let first = 0; first < count; first += parallel) await batch(first, Math.min(parallel, count - first));
}

/** A moment after every session of the server: the reaper removes all of them. */
const farFuture = () => new Date(Date.now() + 365 * 24 * 3600_000);

/** Every engine object (container, volume, network) of a session this test created. */
async function leftOnEngine(): Promise<string[]> {
  const docker = pg.sandboxes.docker;
  const filters = { label: [LABEL.role] };
  const ours = (labels: Record<string, string> | undefined) => created.has(labels?.[LABEL.session] ?? '');
  const containers = (await docker.listContainers({ all: true, filters })).filter((c) => ours(c.Labels));
  const volumes = ((await docker.listVolumes({ filters })).Volumes ?? []).filter((v) => ours(v.Labels));
  const networks = (await docker.listNetworks({ filters })).filter((n) => ours(n.Labels));
  return [
    ...containers.map((c) => `container ${c.Names[0]}`),
    ...volumes.map((v) => `volume ${v.Name}`),
    ...networks.map((n) => `network ${n.Name}`),
  ];
}

/** The server process's handles by kind (sockets, pipes, timers), as Node counts them. */
function handles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

/** Waits (bounded) until `read` returns what `done` accepts; returns the last reading. */
async function settle<T>(read: () => Promise<T> | T, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + SETTLE_MS;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await sleep(250);
    value = await read();
  }
  return value;
}

/**
 * Sessions ended as soon as they exist, with an events socket open: by DELETE, and in every
 * other batch by the reaper. Each socket is closed by the server as its session ends.
 */
async function instantBatch(first: number, size: number): Promise<void> {
  const byReaper = (first / size) % 2 === 1;
  const opened = await Promise.all(
    Array.from({ length: size }, async () => {
      const { session, token } = await create();
      const events = await TestEvents.open(pg.url, session.id, token);
      if (!byReaper)
        assert.equal((await api(pg.url, 'DELETE', `/api/sessions/${session.id}`, token)).status, 204);
      return events;
    }),
  );
  if (byReaper) await pg.sessions.reap(farFuture());
  for (const events of opened) {
    const closed = await settle(
      () => events.closed,
      (c) => c !== null,
    );
    assert.equal(closed?.code, 4410);
  }
}

/**
 * Sessions created and ended while their sandboxes start, at times spread over the start
 * (before the network, while the container starts, while its dockerd boots): by DELETE,
 * and in every third batch by the reaper.
 */
async function earlyBatch(first: number, size: number): Promise<void> {
  const byReaper = (first / size) % 3 === 2;
  await Promise.all(
    Array.from({ length: size }, async (_, k) => {
      const { session, token } = await create();
      if (byReaper) return;
      await sleep(((first + k) % 4) * 200);
      const res = await api(pg.url, 'DELETE', `/api/sessions/${session.id}`, token);
      assert.equal(res.status, 204);
    }),
  );
  if (!byReaper) return;
  await sleep((first % 4) * 200);
  await pg.sessions.reap(farFuture());
}

/**
 * Sessions ended the moment their sandbox is ready, as the server starts following it (port
 * watch, step tracker); every other one first loses its sandbox to a removal from outside.
 */
async function justReadyBatch(first: number, size: number): Promise<void> {
  await Promise.all(
    Array.from({ length: size }, async (_, k) => {
      const { session, token } = await create({ lessonId: LESSON });
      const events = await TestEvents.open(pg.url, session.id, token);
      const ready = await events.waitFor(
        (e) => e.type === 'session' && e.session.state !== 'starting',
        SETTLE_MS,
      );
      assert.equal(ready.type === 'session' && ready.session.state, 'ready');
      if ((first + k) % 2 === 1) {
        const container = (await pg.sandboxes.container(session.id, 'node1'))!;
        await container.remove({ force: true, v: true });
        await events.waitFor((e) => e.type === 'session' && e.session.hostStates.node1?.state === 'failed');
      }
      assert.equal((await api(pg.url, 'DELETE', `/api/sessions/${session.id}`, token)).status, 204);
      events.close();
    }),
  );
}

interface InUse {
  id: string;
  token: string;
  events: TestEvents;
  term: TestTerminal;
}

/** A lesson session used in full: ready, its progress tracked, events and a terminal open. */
async function openFull(): Promise<InUse> {
  const { session, token } = await create({ lessonId: LESSON });
  await waitForSession(pg.url, session.id, token, (s) => s.state === 'ready');
  const events = await TestEvents.open(pg.url, session.id, token);
  const term = await TestTerminal.open(pg.url, session.id, token);
  term.start();
  await term.waitFor(/[#$] $/m);
  await events.waitFor((e) => e.type === 'progress');
  return { id: session.id, token, events, term };
}

/** Sessions used in full, then ended: by DELETE in even batches, by the reaper in odd ones. */
async function fullBatch(first: number, size: number): Promise<void> {
  const inUse = await Promise.all(Array.from({ length: size }, openFull));
  if ((first / size) % 2 === 0) {
    for (const s of inUse)
      assert.equal((await api(pg.url, 'DELETE', `/api/sessions/${s.id}`, s.token)).status, 204);
  } else {
    await pg.sessions.reap(farFuture());
  }
  for (const { events, term } of inUse) {
    // Both sockets are closed by the server: the page learns the session ended.
    assert.equal((await term.closed).code, 4410);
    const closed = await settle(
      () => events.closed,
      (c) => c !== null,
    );
    assert.equal(closed?.code, 4410);
  }
}

const CYCLES = INSTANT_CYCLES + EARLY_CYCLES + JUST_READY_CYCLES + FULL_CYCLES;

test(`${CYCLES} create, destroy and expire cycles leave nothing behind`, async () => {
  const census = pg.census();
  const before = handles();

  await inBatches(INSTANT_CYCLES, EARLY_PARALLEL, instantBatch);
  await inBatches(EARLY_CYCLES, EARLY_PARALLEL, earlyBatch);
  await inBatches(JUST_READY_CYCLES, FULL_PARALLEL, justReadyBatch);
  await inBatches(FULL_CYCLES, FULL_PARALLEL, fullBatch);

  assert.equal(created.size, CYCLES);
  const left = await settle(leftOnEngine, (l) => l.length === 0);
  assert.deepEqual(left, [], 'engine objects left behind');
  const after = await settle(
    () => pg.census(),
    (c) => JSON.stringify(c) === JSON.stringify(census),
  );
  assert.deepEqual(after, census, 'server objects left behind');
  // Docker streams, hijacked exec connections and timers of the sessions are all gone.
  const leftHandles = await settle(handles, (h) =>
    Object.entries(h).every(([kind, n]) => n <= (before[kind] ?? 0)),
  );
  for (const [kind, n] of Object.entries(leftHandles))
    assert.ok(n <= (before[kind] ?? 0), `${n - (before[kind] ?? 0)} ${kind} handle(s) left behind`);
});

// Sessions started ahead, with a fake sandbox manager: the pool's plan and accounting, a warm
// session handed out once, warm sessions counted in the machine's limits, and a restart that
// keeps claimed sessions (their lease) and removes unclaimed ones (their token was in memory).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../../server/config.js';
import { PlaygroundError } from '../../server/errors.js';
import type { SandboxManager } from '../../server/sandboxes/manager.js';
import { SessionEventHub } from '../../server/sessions/event-hub.js';
import { MemoryLeases } from '../../server/sessions/leases.js';
import { SessionService } from '../../server/sessions/service.js';
import { hashToken } from '../../server/sessions/tokens.js';
import { FREE_PLAY, GENERAL_POOL, lessonsKind, planWarm, WarmPool } from '../../server/sessions/warm-pool.js';
import { WarmStock, type WarmKind } from '../../server/sessions/warm-stock.js';
import { FakeSandboxes } from '../support/fake-sandboxes.js';

const LESSON: WarmKind = {
  key: 'two-hosts',
  lessonId: 'two-hosts',
  hosts: ['node1', 'node2'],
  images: ['redis'],
};

function setup(
  overrides: Partial<ReturnType<typeof loadConfig>> = {},
  fake = new FakeSandboxes(),
  leases = new MemoryLeases(),
) {
  const config = {
    ...loadConfig({}),
    maxSandboxes: 4,
    maxSessions: 10,
    maxSessionsPerClient: 1,
    ...overrides,
  };
  const sessions = new SessionService(
    fake as unknown as SandboxManager,
    config,
    new SessionEventHub(),
    undefined,
    leases,
  );
  const prepared: string[] = [];
  const stock = new WarmStock(
    sessions,
    async (id, kind) => void prepared.push(`${id}:${kind.images.join()}`),
  );
  const ready: string[] = [];
  sessions.observe({ hostReady: (id, host) => ready.push(`${id} ${host}`) });
  return { fake, leases, sessions, stock, prepared, ready, config };
}

const settle = () => new Promise((r) => setTimeout(r, 30));
const status = (err: unknown) => (err instanceof PlaygroundError ? err.status : 0);

test('the plan fills the budget one kind at a time, most recently wanted first', () => {
  assert.deepEqual([...planWarm(2, [FREE_PLAY])], [['', 2]]);
  assert.deepEqual(
    [...planWarm(3, [LESSON, FREE_PLAY])],
    [
      ['two-hosts', 1],
      ['', 1],
    ],
  );
  assert.deepEqual(
    [...planWarm(4, [LESSON, FREE_PLAY])],
    [
      ['two-hosts', 1],
      ['', 2],
    ],
  );
  assert.deepEqual([...planWarm(0, [FREE_PLAY])], [['', 0]]);
});

test("a workshop's seats start on its first lesson's hosts with every lesson's images", () => {
  const first = { id: 'one', hosts: ['node1'], images: ['alpine', 'redis'] };
  const second = { id: 'two', hosts: ['node1', 'node2'], images: ['redis', 'nginx'] };
  assert.deepEqual(lessonsKind([first, second]), {
    key: 'one',
    lessonId: 'one',
    hosts: ['node1'],
    images: ['alpine', 'redis', 'nginx'],
  });
  assert.deepEqual(lessonsKind([]), FREE_PLAY, 'free play when the workshop has no lesson');
});

test('a warm session is handed out once, its observers hear of it only then, and it counts in the limits', async () => {
  const { sessions, stock, prepared, ready } = setup();
  stock.start(GENERAL_POOL, LESSON);
  stock.start(GENERAL_POOL, FREE_PLAY);
  // Three sandboxes held warm of four: a two-host lesson no longer fits.
  assert.throws(
    () => sessions.create('9.9.9.9', { hosts: ['node1', 'node2'] }),
    (e) => status(e) === 503,
  );
  await settle();
  assert.equal(stock.count(GENERAL_POOL), 2);
  assert.equal(prepared.length, 2);
  assert.deepEqual(ready, [], 'nobody follows an unclaimed session');
  const claim = { client: '1.1.1.1', expiresAt: new Date(Date.now() + 60_000), limited: true };
  const got = stock.claim(GENERAL_POOL, LESSON.key, claim)!;
  assert.equal(got.session.lessonId, 'two-hosts');
  assert.equal(sessions.authorize(got.session.id, got.token).state, 'ready', 'the token opens it');
  assert.deepEqual(ready.sort(), [`${got.session.id} node1`, `${got.session.id} node2`]);
  assert.equal(stock.claim(GENERAL_POOL, LESSON.key, claim), null, 'never handed out twice');
  assert.throws(
    () => sessions.claim(got.session.id, claim),
    (e) => status(e) === 409,
  );
  // The client's own limit (1) holds for a claim too, and the refused session stays warm.
  assert.throws(
    () => stock.claim(GENERAL_POOL, '', claim),
    (e) => status(e) === 429,
  );
  assert.equal(stock.count(GENERAL_POOL, ''), 1);
});

test('after a restart a claimed warm session is back with its lease; an unclaimed one is removed', async () => {
  const first = setup();
  first.stock.start(GENERAL_POOL, FREE_PLAY);
  first.stock.start(GENERAL_POOL, FREE_PLAY);
  await settle();
  const expiresAt = new Date(Date.now() + 3 * 60 * 60_000);
  const got = first.stock.claim(GENERAL_POOL, '', { client: '1.1.1.1', expiresAt, limited: true })!;
  const unclaimed = first.fake.live.find((r) => r.sessionId !== got.session.id)!.sessionId;
  // A new server on the same engine and database.
  const second = setup({}, first.fake, first.leases);
  await second.sessions.start();
  second.sessions.stop();
  const back = second.sessions.authorize(got.session.id, got.token);
  assert.equal(back.expiresAt, expiresAt.toISOString(), 'the lease, not the label, says when it ends');
  assert.ok(second.fake.destroyed.includes(unclaimed));
  assert.equal(second.sessions.size, 1);
  assert.equal(first.fake.live[0]!.tokenHash, hashToken(got.token));
});

test('the general pool refills after a claim, sheds kinds no longer wanted, and makes room for a learner', async () => {
  const { sessions, stock, config } = setup({ maxSessionsPerClient: 5 });
  const pool = new WarmPool(sessions, stock, {
    size: 2,
    sessionTtlMs: config.sessionTtlMs,
    claimRefillDelayMs: 0,
  });
  pool.refill();
  assert.equal(stock.count(GENERAL_POOL, ''), 2);
  await settle();
  const first = await pool.create('1.1.1.1', FREE_PLAY, {});
  assert.equal(stock.count(GENERAL_POOL, ''), 2, 'refilled at once');
  assert.equal(pool.sandboxes, 2);
  // A lesson of two hosts is wanted: two free-play ones (2) + the claimed one (1) + 2 > 4.
  const lesson = await pool.create('1.1.1.1', LESSON, { lessonId: LESSON.lessonId!, hosts: LESSON.hosts });
  assert.equal(lesson.session.hosts.length, 2, 'a cold start after shedding a warm free-play session');
  assert.equal(stock.count(GENERAL_POOL, LESSON.key), 0);
  await sessions.terminate(first.session.id);
  await sessions.terminate(lesson.session.id);
  pool.refill();
  assert.equal(stock.count(GENERAL_POOL, LESSON.key), 1, 'the lesson, wanted last, comes first now');
  await pool.stop();
  assert.equal(stock.count(GENERAL_POOL), 0);
});

test('PLAYGROUND_WARM_SANDBOXES=0 starts nothing and every session starts cold', async () => {
  const { sessions, stock, config } = setup();
  const pool = new WarmPool(sessions, stock, { size: 0, sessionTtlMs: config.sessionTtlMs });
  pool.start();
  assert.equal(stock.count(GENERAL_POOL), 0);
  const cold = await pool.create('1.1.1.1', FREE_PLAY, {});
  assert.equal(cold.session.state, 'starting');
  await pool.stop();
  assert.equal(loadConfig({ PLAYGROUND_WARM_SANDBOXES: '0' }).warmSandboxes, 0);
  assert.throws(() => loadConfig({ PLAYGROUND_WARM_SANDBOXES: '-1' }), /whole number/);
});

test("after a claim the refill waits, so the learner's first prompt does not share the machine with a start", async () => {
  const { sessions, stock, config } = setup({ maxSessionsPerClient: 5 });
  const pool = new WarmPool(sessions, stock, {
    size: 2,
    sessionTtlMs: config.sessionTtlMs,
    claimRefillDelayMs: 50,
  });
  pool.refill();
  await settle();
  await pool.create('1.1.1.1', FREE_PLAY, {});
  await pool.create('1.1.1.1', FREE_PLAY, {});
  assert.equal(stock.count(GENERAL_POOL, ''), 0, 'nothing starts right after the claims');
  await new Promise((r) => setTimeout(r, 120));
  assert.equal(stock.count(GENERAL_POOL, ''), 2, 'one refill after the delay brings the pool back');
  await pool.stop();
});

// A workshop's seats with a fake sandbox manager, a real database file and a clock the test
// moves: when ready seats start, a join takes one (100 behind one address), a rejoin from
// another device gets the same session, extensions move the ends, the end removes them all.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { SessionEvent } from '../../common/events.js';
import { loadConfig } from '../../server/config.js';
import { openDatabase } from '../../server/db/database.js';
import type { SandboxManager } from '../../server/sandboxes/manager.js';
import { SessionEventHub } from '../../server/sessions/event-hub.js';
import { LeaseStore } from '../../server/sessions/leases.js';
import { SessionService } from '../../server/sessions/service.js';
import { FREE_PLAY } from '../../server/sessions/warm-pool.js';
import { WarmStock } from '../../server/sessions/warm-stock.js';
import { PlaygroundError } from '../../server/errors.js';
import { parseExtend } from '../../server/workshops/requests.js';
import { sealToken, unsealToken } from '../../server/workshops/seal.js';
import { seatPlan } from '../../server/workshops/seat-plan.js';
import { seatPool, WorkshopSeats } from '../../server/workshops/seating.js';
import { endsAt, WorkshopService } from '../../server/workshops/service.js';
import { FakeSandboxes } from '../support/fake-sandboxes.js';

const root = await mkdtemp(path.join(tmpdir(), 'seats-'));
after(() => rm(root, { recursive: true, force: true }));

const MIN = 60_000;
const T0 = Date.parse('2026-03-02T09:00:00Z');
const settle = () => new Promise((r) => setTimeout(r, 30));

test('the seat plan: nothing before the lead time, refills until the start plus the unclaimed time, none after the end', () => {
  const base = {
    startsAt: T0,
    endsAt: T0 + 60 * MIN,
    ended: false,
    seats: 5,
    seated: 0,
    ready: 0,
    leadMs: 10 * MIN,
    unclaimedMs: 30 * MIN,
  };
  assert.deepEqual(seatPlan({ ...base, now: T0 - 11 * MIN }), { open: false, start: 0, drain: false });
  assert.deepEqual(seatPlan({ ...base, now: T0 - 10 * MIN }), { open: true, start: 5, drain: false });
  assert.deepEqual(seatPlan({ ...base, now: T0, seated: 2, ready: 1 }), {
    open: true,
    start: 2,
    drain: false,
  });
  assert.deepEqual(seatPlan({ ...base, now: T0, seated: 5, ready: 0 }), {
    open: true,
    start: 0,
    drain: false,
  });
  assert.deepEqual(seatPlan({ ...base, now: T0 + 30 * MIN, ready: 3 }), {
    open: true,
    start: 0,
    drain: true,
  });
  assert.deepEqual(seatPlan({ ...base, now: T0 + 60 * MIN }), { open: false, start: 0, drain: true });
  assert.deepEqual(seatPlan({ ...base, now: T0, ended: true }), { open: false, start: 0, drain: true });
});

test('a sealed seat token opens with its resume token and learner only', () => {
  const sealed = sealToken('the-session-token', 'resume-1', 'learner-1');
  assert.equal(unsealToken(sealed, 'resume-1', 'learner-1'), 'the-session-token');
  assert.equal(unsealToken(sealed, 'resume-2', 'learner-1'), null);
  assert.equal(unsealToken(sealed, 'resume-1', 'learner-2'), null);
  assert.equal(unsealToken('short', 'resume-1', 'learner-1'), null);
  assert.ok(!sealed.includes('the-session-token'));
});

function setup(maxSandboxes: number) {
  const clock = { now: T0 - 30 * MIN };
  const db = openDatabase(path.join(root, `db-${Math.random().toString(36).slice(2)}.db`));
  after(() => db.close());
  const fake = new FakeSandboxes();
  const config = { ...loadConfig({}), maxSandboxes, maxSessions: 200, maxSessionsPerClient: 3 };
  const hub = new SessionEventHub();
  const sessions = new SessionService(
    fake as unknown as SandboxManager,
    config,
    hub,
    undefined,
    new LeaseStore(db),
  );
  const stock = new WarmStock(sessions, async () => undefined);
  const now = () => clock.now;
  const seats = new WorkshopSeats({
    db,
    sessions,
    stock,
    events: hub,
    kindOf: () => FREE_PLAY,
    leadMs: 10 * MIN,
    unclaimedMs: 30 * MIN,
    now,
  });
  const workshops = new WorkshopService(db, now);
  const { workshop } = workshops.create({
    title: 'Class',
    lessons: [],
    seats: 5,
    startsAt: T0,
    durationMs: 60 * MIN,
    language: 'en',
  });
  return { clock, sessions, stock, seats, workshops, workshop, hub, fake };
}

/** Ticks a few times (each tick starts at most a few seats), then waits until none is starting. */
async function tickUntilReady(seats: WorkshopSeats, stock: WarmStock, pool: string) {
  for (let i = 0; i < 5; i++) {
    seats.tick();
    await settle();
  }
  assert.equal(stock.starting(pool), 0);
}

test('seats start at the lead time, joins from one address take them, and a rejoin gets the same session', async () => {
  const { clock, stock, seats, workshops, workshop, hub, sessions } = setup(20);
  const pool = seatPool(workshop);
  seats.tick();
  assert.equal(stock.count(pool), 0, 'not yet: 30 minutes before the start');
  const early = workshops.join(workshop.code, { name: 'Early' });
  assert.equal(seats.seat(workshop, early), null, 'before the seats open, the page joins again later');
  const heard: number[] = [];
  seats.changed = (id) => heard.push(id);
  clock.now = T0 - 10 * MIN;
  await tickUntilReady(seats, stock, pool);
  assert.equal(stock.count(pool), 5, 'every seat (the early learner holds none yet)');
  assert.ok(
    heard.length > 0 && heard.every((id) => id === workshop.id),
    "the trainer's view hears of ready seats",
  );
  const joined = [
    early,
    ...['Ana', 'Budi', 'Citra', 'Dewi'].map((name) => workshops.join(workshop.code, { name })),
  ];
  heard.length = 0;
  const got = joined.map((j) => seats.seat(workshop, j)!);
  assert.ok(heard.length >= joined.length, "the trainer's view hears of every seat taken");
  assert.equal(
    new Set(got.map((g) => g.session.id)).size,
    5,
    'five learners behind one address, five sessions',
  );
  assert.equal(stock.count(pool), 0);
  for (const g of got) assert.equal(g.session.expiresAt, new Date(endsAt(workshop)).toISOString());
  // Another device: only the resume token.
  const again = workshops.join(workshop.code, { resumeToken: joined[1]!.resumeToken });
  const back = seats.seat(workshop, again)!;
  assert.equal(back.session.id, got[1]!.session.id);
  assert.equal(sessions.authorize(back.session.id, back.token).id, back.session.id);
  const seen: SessionEvent[] = [];
  hub.subscribe(back.session.id, (e) => seen.push(e));
  assert.equal(
    seen.find((e) => e.type === 'workshop')?.type,
    'workshop',
    'the page hears its seat on connect',
  );
});

test('the machine-wide limit gives fewer ready seats; extensions move the ends; the end removes every sandbox', async () => {
  const { clock, stock, seats, workshops, workshop, hub, sessions, fake } = setup(3);
  const pool = seatPool(workshop);
  clock.now = T0;
  await tickUntilReady(seats, stock, pool);
  assert.equal(stock.count(pool), 3, 'three sandboxes fit, not five');
  const a = workshops.join(workshop.code, { name: 'Ana' });
  const b = workshops.join(workshop.code, { name: 'Budi' });
  const sa = seats.seat(workshop, a)!;
  const sb = seats.seat(workshop, b)!;
  const events: SessionEvent[] = [];
  hub.subscribe(sb.session.id, (e) => events.push(e));
  seats.extend(workshop, 15);
  const later = seats.extend(workshops.byCode(workshop.code)!, 10, b.learner.id);
  assert.equal(endsAt(later), endsAt(workshop) + 15 * MIN);
  assert.equal(
    sessions.authorize(sa.session.id, sa.token).expiresAt,
    new Date(endsAt(workshop) + 15 * MIN).toISOString(),
  );
  assert.equal(
    sessions.authorize(sb.session.id, sb.token).expiresAt,
    new Date(endsAt(workshop) + 25 * MIN).toISOString(),
  );
  const seat = events.filter((e) => e.type === 'workshop').at(-1);
  assert.equal(
    seat?.type === 'workshop' && seat.seat.endsAt,
    new Date(endsAt(workshop) + 25 * MIN).toISOString(),
  );
  await seats.end(workshops.end(later));
  await settle();
  assert.equal(sessions.size, 0);
  assert.deepEqual(fake.live, [], 'no sandbox of the workshop is left');
});

test('an extension asks for 1 to 240 minutes, for the workshop or one learner by id', () => {
  assert.deepEqual(parseExtend({ minutes: 15 }), { minutes: 15 });
  const learnerId = 'ab'.repeat(12);
  assert.deepEqual(parseExtend({ minutes: 240, learnerId }), { minutes: 240, learnerId });
  for (const body of [
    {},
    { minutes: 0 },
    { minutes: 241 },
    { minutes: 1.5 },
    { minutes: 5, learnerId: 'x' },
    { minutes: 5, extra: 1 },
  ])
    assert.throws(
      () => parseExtend(body),
      (e) => e instanceof PlaygroundError && e.status === 400,
      JSON.stringify(body),
    );
});

// Who may create a workshop and how many seats fit: the creation policy on a real database
// file with a clock the test moves, then the create and join routes through the real HTTP
// server (fake sandboxes): the open bounds per address, and join codes guessed behind a
// trusted proxy counted per forwarded client.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { MessageCode } from '../../common/messages.js';
import type { CreatedWorkshop, WorkshopCreation } from '../../common/workshops.js';
import { openDatabase } from '../../server/db/database.js';
import { PlaygroundError } from '../../server/errors.js';
import {
  CreationPolicy,
  OPEN_CREATION,
  seatsThatFit,
  workshopBudget,
  type CreationSettings,
} from '../../server/workshops/creation-policy.js';
import { WorkshopService, type NewWorkshop } from '../../server/workshops/service.js';
import { startTestHttpServer } from '../support/http-server.js';
import { api } from '../support/playground.js';

const root = await mkdtemp(path.join(tmpdir(), 'workshop-creation-'));
after(() => rm(root, { recursive: true, force: true }));
let files = 0;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.parse('2026-03-02T09:00:00Z');
const SETTINGS: CreationSettings = {
  maxSessions: 20,
  maxSandboxes: 40,
  sharePercent: 50,
  leadMs: 10 * MINUTE,
};

const CLASS: NewWorkshop = {
  title: 'Docker for beginners',
  lessons: [],
  seats: 3,
  startsAt: T0 + HOUR,
  durationMs: 2 * HOUR,
  language: 'en',
};

/** A policy and the workshops it guards on their own database file; lesson "multi" runs 3 hosts. */
function policy(settings: Partial<CreationSettings> = {}) {
  const clock = { now: T0 };
  const db = openDatabase(path.join(root, `db-${++files}.db`));
  after(() => db.close());
  const workshops = new WorkshopService(db, () => clock.now);
  const perSeat = (lessons: readonly string[]) => (lessons.includes('multi') ? 3 : 1);
  const guard = new CreationPolicy(db, { ...SETTINGS, ...settings }, perSeat, () => clock.now);
  /** Admits and creates, as the route does. */
  const create = (request: Partial<NewWorkshop>, client = '192.0.2.1', key?: string) => {
    const input = { ...CLASS, ...request };
    guard.admit(input, client, key);
    return workshops.create(input, client).workshop;
  };
  return { create, workshops, clock, guard };
}

/** A refusal with this status and message code (and these parameters, if given). */
const refused =
  (status: number, code: MessageCode, params?: Record<string, unknown>) =>
  (err: unknown): boolean => {
    assert.ok(err instanceof PlaygroundError, String(err));
    assert.deepEqual([err.status, err.detail?.code], [status, code], err.message);
    if (params) assert.deepEqual(err.detail?.params, params);
    return true;
  };

test('the budget is a share of the session and sandbox limits; seats fit by the tighter one', () => {
  assert.deepEqual(workshopBudget(SETTINGS), { sessions: 10, sandboxes: 20 });
  assert.deepEqual(workshopBudget({ ...SETTINGS, sharePercent: 75, maxSessions: 7 }), {
    sessions: 5,
    sandboxes: 30,
  });
  const budget = { sessions: 10, sandboxes: 20 };
  assert.equal(seatsThatFit(budget, [], 1), 10, 'one host a seat: sessions bound');
  assert.equal(seatsThatFit(budget, [], 3), 6, 'three hosts a seat: sandboxes bound');
  assert.equal(seatsThatFit(budget, [{ seats: 4, perSeat: 1 }], 1), 6);
  assert.equal(seatsThatFit(budget, [{ seats: 5, perSeat: 3 }], 1), 5, '15 sandboxes held');
  assert.equal(seatsThatFit(budget, [{ seats: 12, perSeat: 1 }], 1), 0, 'never below none');
});

test('seats must fit beside the workshops running at any time of this one, ready seats’ lead included', () => {
  const { create, workshops, clock } = policy();
  const first = create({ seats: 4 });
  // Overlapping: 6 of the 10 sessions are left, and the refusal says so.
  const later = T0 + 2 * HOUR;
  assert.throws(
    () => create({ seats: 7, startsAt: later }),
    refused(409, 'workshop-seats-fit', { seats: 7, fit: 6 }),
  );
  // Three hosts a seat: 16 sandboxes are left, 5 seats' worth.
  const multi = { seats: 6, lessons: ['multi'] };
  assert.throws(() => create(multi), refused(409, 'workshop-seats-fit', { seats: 6, fit: 5 }));
  create({ seats: 6, startsAt: later });
  // Starting 5 minutes after the first ends: its seats start 10 minutes early, so it overlaps.
  const soonAfter = { seats: 4, startsAt: T0 + 3 * HOUR + 5 * MINUTE };
  assert.throws(() => create(soonAfter), refused(409, 'workshop-seats-fit'));
  // The next day is free; an ended workshop or one that is over holds nothing.
  create({ seats: 10, startsAt: T0 + 24 * HOUR }, '192.0.2.2');
  workshops.end(first);
  create(soonAfter, '192.0.2.2');
  clock.now = T0 + 30 * HOUR;
  create({ seats: 10, startsAt: clock.now }, '192.0.2.3');
});

test('without a workshop key: a few live workshops per address, each a working day at most', () => {
  const { create, workshops, clock } = policy();
  const tooLong = { durationMs: OPEN_CREATION.maxMinutes * MINUTE + MINUTE };
  assert.throws(() => create(tooLong), refused(400, 'workshop-too-long', { hours: 8 }));
  const mine = [1, 2, 3].map((day) => create({ seats: 1, startsAt: T0 + day * 24 * HOUR }));
  assert.throws(
    () => create({ seats: 1 }),
    refused(429, 'workshops-per-client', { max: OPEN_CREATION.livePerClient }),
  );
  create({ seats: 1 }, '2001:db8::/64'); // another address is not held back
  workshops.end(mine[0]!);
  create({ seats: 1 });
  clock.now = T0 + 2 * 24 * HOUR + 3 * HOUR; // the second is over: it no longer counts
  create({ seats: 1, startsAt: clock.now });
});

test('with a workshop key set: none or a wrong one is refused; the key lifts the open bounds, not the seats', () => {
  const key = 'operator-workshop-key-0123';
  const { create, guard } = policy({ key });
  assert.equal(guard.keyRequired, true, 'the create page asks for the key');
  assert.equal(policy().guard.keyRequired, false);
  assert.throws(() => create({}), refused(401, 'workshop-key-needed'));
  assert.throws(() => create({}, '192.0.2.1', `${key}x`), refused(403, 'workshop-key-wrong'));
  create({ seats: 1, durationMs: 20 * HOUR }, '192.0.2.1', key);
  for (let day = 1; day <= OPEN_CREATION.livePerClient; day++)
    create({ seats: 1, startsAt: T0 + day * 24 * HOUR }, '192.0.2.1', key);
  assert.throws(
    () => create({ seats: 10 }, '192.0.2.1', key),
    refused(409, 'workshop-seats-fit', { seats: 10, fit: 9 }),
  );
});

const body = (seats: number, startsAt?: number) => ({
  title: 'Free play',
  seats,
  durationMinutes: 60,
  ...(startsAt ? { startsAt: new Date(startsAt).toISOString() } : {}),
});

test('the create route applies the policy and answers the message code with its parameters', async () => {
  const server = await startTestHttpServer({ maxSessions: 8, workshopSharePercent: 50 });
  after(() => server.close());
  const creation = await api<WorkshopCreation>(server.url, 'GET', '/api/workshops');
  assert.deepEqual([creation.status, creation.body], [200, { keyRequired: false }], 'no key is asked for');
  const keyed = await startTestHttpServer({ workshopKey: 'operator-workshop-key-0123' });
  after(() => keyed.close());
  const asks = await api<WorkshopCreation>(keyed.url, 'GET', '/api/workshops');
  assert.deepEqual(asks.body, { keyRequired: true }, 'the key is asked for, never shown');
  const tooMany = await api<{ error: string; code: string; params: unknown }>(
    server.url,
    'POST',
    '/api/workshops',
    undefined,
    body(5),
  );
  assert.equal(tooMany.status, 409);
  assert.deepEqual([tooMany.body.code, tooMany.body.params], ['workshop-seats-fit', { seats: 5, fit: 4 }]);
  assert.match(tooMany.body.error, /4 more seats fit/);
  const day = 24 * HOUR;
  for (let i = 1; i <= OPEN_CREATION.livePerClient; i++) {
    const made = await api<CreatedWorkshop>(
      server.url,
      'POST',
      '/api/workshops',
      undefined,
      body(1, Date.now() + i * day),
    );
    assert.equal(made.status, 201, JSON.stringify(made.body));
  }
  const fourth = await api<{ code: string }>(server.url, 'POST', '/api/workshops', undefined, body(1));
  assert.deepEqual([fourth.status, fourth.body.code], [429, 'workshops-per-client']);
});

/** Looks up `code` as the client `forwardedFor` names, through the proxy at 127.0.0.1. */
const lookUp = (url: string, code: string, forwardedFor: string) =>
  fetch(`${url}/api/workshops/${code}`, { headers: { 'x-forwarded-for': forwardedFor } }).then(
    (r) => r.status,
  );

test('behind a trusted proxy, code guesses are counted per forwarded client', async () => {
  const server = await startTestHttpServer({ trustedProxies: ['127.0.0.1'] });
  after(() => server.close());
  for (let i = 0; i < 10; i++) assert.equal(await lookUp(server.url, 'ZZZZZZZZ', '203.0.113.5'), 404);
  assert.equal(await lookUp(server.url, 'ZZZZZZZZ', '203.0.113.5'), 429, 'that client is out of attempts');
  assert.equal(await lookUp(server.url, 'ZZZZZZZZ', '203.0.113.6'), 404, 'its neighbour is not');
  // A forwarded address inside the same IPv6 /64 shares its bucket.
  for (let i = 0; i < 10; i++) assert.equal(await lookUp(server.url, 'ZZZZZZZZ', '2001:db8:0:1::5'), 404);
  assert.equal(await lookUp(server.url, 'ZZZZZZZZ', '2001:db8:0:1::6'), 429);
});

test('without a trusted proxy, X-Forwarded-For is not believed: every guess counts against the peer', async () => {
  const server = await startTestHttpServer();
  after(() => server.close());
  for (let i = 0; i < 10; i++) assert.equal(await lookUp(server.url, 'ZZZZZZZZ', `203.0.113.${i + 1}`), 404);
  assert.equal(await lookUp(server.url, 'ZZZZZZZZ', '203.0.113.99'), 429);
});

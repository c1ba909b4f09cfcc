// Workshops without an engine: the join code, people's text, the join rules on a real
// database file, the rate limiter with a hand-moved clock, and the trainer-key access.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import {
  DISPLAY_NAME_MAX,
  JOIN_CODE_ALPHABET,
  JOIN_CODE_LENGTH,
  normalizeJoinCode,
  trainerHash,
} from '../../common/workshops.js';
import { openDatabase } from '../../server/db/database.js';
import { PlaygroundError } from '../../server/errors.js';
import { admit } from '../../server/http/access.js';
import { newJoinCode } from '../../server/workshops/join-code.js';
import { clientKey, plainAddress } from '../../server/http/client-address.js';
import { RateLimiter } from '../../server/workshops/rate-limit.js';
import { parseNewWorkshop } from '../../server/workshops/requests.js';
import { WorkshopService, type NewWorkshop } from '../../server/workshops/service.js';
import { cleanText } from '../../server/workshops/text.js';

const root = await mkdtemp(path.join(tmpdir(), 'workshops-'));
after(() => rm(root, { recursive: true, force: true }));
let files = 0;

const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-02T09:00:00Z');

/** A service on its own database file, with a clock the test moves. */
function service(newCode?: () => string) {
  const clock = { now: T0 };
  const db = openDatabase(path.join(root, `db-${++files}.db`));
  after(() => db.close());
  return { workshops: new WorkshopService(db, () => clock.now, newCode), clock, db };
}

const CLASS: NewWorkshop = {
  title: 'Docker for beginners',
  lessons: ['docker-networks'],
  seats: 3,
  startsAt: T0 + HOUR,
  durationMs: 2 * HOUR,
  language: 'en',
};

const status = (status: number, message?: RegExp) => (err: unknown) =>
  err instanceof PlaygroundError && err.status === status && (!message || message.test(err.message));

test('the join code alphabet has no look-alikes, and codes are drawn from it uniformly', () => {
  assert.equal(JOIN_CODE_ALPHABET.length, 30);
  assert.equal(new Set(JOIN_CODE_ALPHABET).size, 30);
  for (const lookAlike of '01ILOU') assert.ok(!JOIN_CODE_ALPHABET.includes(lookAlike), lookAlike);
  assert.ok(JOIN_CODE_LENGTH >= 6 && JOIN_CODE_LENGTH <= 8);
  const counts = new Map<string, number>();
  for (let i = 0; i < 3000; i++) {
    const code = newJoinCode();
    assert.match(code, new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`));
    for (const c of code) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  // 24,000 letters over 30: 800 each on average; a biased draw (e.g. modulo 256) shows far off.
  assert.equal(counts.size, 30);
  for (const [letter, count] of counts) assert.ok(count > 600 && count < 1000, `${letter}: ${count}`);
  assert.equal(
    newJoinCode(() => 0),
    '2'.repeat(JOIN_CODE_LENGTH),
    'each letter is one draw',
  );
});

test('a typed code is read in any case, with spaces or dashes, and nothing else passes', () => {
  assert.equal(normalizeJoinCode('abcd-2345'), 'ABCD2345');
  assert.equal(normalizeJoinCode(' ab cd 23 45 '), 'ABCD2345');
  assert.equal(normalizeJoinCode('ABCD234'), null, 'too short');
  assert.equal(normalizeJoinCode('ABCD2340'), null, '0 is not in the alphabet');
  assert.equal(normalizeJoinCode('ABCD234O'), null, 'nor is O');
  assert.equal(normalizeJoinCode('../../x'), null);
});

test('names are trimmed and bounded, and control or direction characters are refused', () => {
  assert.equal(cleanText('  Ani  ', 'name', DISPLAY_NAME_MAX), 'Ani');
  assert.equal(cleanText('Cafe\u0301', 'name', 40), 'Caf\u00e9', 'NFC');
  assert.equal(
    cleanText('👩‍💻 Dewi', 'name', 8),
    '👩‍💻 Dewi',
    'an emoji sequence keeps its joiners (3 code points)',
  );
  assert.equal(cleanText('x'.repeat(DISPLAY_NAME_MAX), 'name', DISPLAY_NAME_MAX).length, DISPLAY_NAME_MAX);
  const refused = [
    '',
    '   ',
    'x'.repeat(DISPLAY_NAME_MAX + 1),
    'a\nb',
    'a\u0000b',
    'bell\u0007',
    'a\u0085b',
    'evil\u202Etxt.exe',
    'a\u2028b',
    42,
    null,
  ];
  for (const value of refused)
    assert.throws(
      () => cleanText(value, 'name', DISPLAY_NAME_MAX),
      status(400, /"name"/),
      JSON.stringify(value),
    );
});

test('a workshop is created with a fresh code and a key whose hash alone is stored', () => {
  const { workshops, db } = service();
  const { workshop, trainerKey } = workshops.create(CLASS);
  assert.match(trainerKey, /^[A-Za-z0-9_-]{22,}$/, '128 bits or more, base64url');
  assert.deepEqual(workshops.byCode(workshop.code.toLowerCase()), workshop);
  assert.deepEqual(workshops.byTrainerKey(trainerKey), workshop);
  assert.equal(workshops.byTrainerKey('not the key'), null);
  const stored = JSON.stringify(db.prepare('SELECT * FROM workshops').all());
  assert.ok(!stored.includes(trainerKey), 'the key itself is not stored');
  assert.deepEqual(
    [workshop.title, workshop.lessons, workshop.seats, workshop.endedAt],
    ['Docker for beginners', ['docker-networks'], 3, null],
  );
});

test('a code a live workshop holds is drawn again; an ended workshop lets its code go', () => {
  const drawn = ['AAAA2222', 'AAAA2222', 'BBBB3333', 'AAAA2222'];
  const { workshops } = service(() => drawn.shift()!);
  const first = workshops.create(CLASS).workshop;
  assert.equal(workshops.create(CLASS).workshop.code, 'BBBB3333', 'AAAA2222 was taken');
  workshops.end(first);
  const again = workshops.create(CLASS);
  assert.equal(again.workshop.code, 'AAAA2222');
  assert.equal(workshops.byCode('AAAA2222')?.id, again.workshop.id, 'the code names the live one');
  const stuck = service(() => 'CCCC4444').workshops;
  stuck.create(CLASS);
  assert.throws(() => stuck.create(CLASS), status(503));
});

test('joining takes seats in order until full, says how many seats there are, and a resume token rejoins', () => {
  const { workshops } = service();
  const { workshop } = workshops.create(CLASS);
  const joined = ['Ani', ' Budi ', 'Citra'].map((name) => workshops.join(workshop.code, { name }));
  assert.deepEqual(
    joined.map((j) => [j.learner.seat, j.learner.name, j.rejoined]),
    [
      [1, 'Ani', false],
      [2, 'Budi', false],
      [3, 'Citra', false],
    ],
  );
  assert.equal(new Set(joined.map((j) => j.resumeToken)).size, 3);
  assert.equal(workshops.seatsLeft(workshop), 0);
  assert.throws(() => workshops.join(workshop.code, { name: 'Dewi' }), status(409, /all 3 seats are taken/));
  const back = workshops.join(workshop.code, { resumeToken: joined[1]!.resumeToken, name: 'ignored' });
  assert.deepEqual(
    [back.rejoined, back.learner.id, back.learner.seat, back.learner.name],
    [true, joined[1]!.learner.id, 2, 'Budi'],
  );
  assert.throws(
    () => workshops.join(workshop.code, { resumeToken: 'a guess', name: 'Eko' }),
    status(409),
    'an unknown token is a new seat',
  );
  assert.deepEqual(
    workshops.learners(workshop).map((l) => l.name),
    ['Ani', 'Budi', 'Citra'],
  );
});

test('a resume token is good only in its own workshop, and bad names and unknown codes are refused', () => {
  const { workshops } = service();
  const a = workshops.create(CLASS).workshop;
  const b = workshops.create(CLASS).workshop;
  const ani = workshops.join(a.code, { name: 'Ani' });
  const other = workshops.join(b.code, { resumeToken: ani.resumeToken, name: 'Ani' });
  assert.equal(other.rejoined, false);
  assert.notEqual(other.learner.id, ani.learner.id);
  assert.throws(() => workshops.join(a.code, {}), status(400, /"name"/));
  assert.throws(() => workshops.join(a.code, { name: 'a\u0000' }), status(400));
  assert.throws(() => workshops.join('ZZZZ9999', { name: 'Ani' }), status(404));
  assert.throws(() => workshops.join('not a code', { name: 'Ani' }), status(404));
});

test('an ended workshop takes no one; one past its time takes no new learner but gives seats back', () => {
  const { workshops, clock } = service();
  const { workshop } = workshops.create(CLASS);
  const ani = workshops.join(workshop.code, { name: 'Ani' });
  clock.now = T0 + 3 * HOUR; // its two hours are over
  assert.throws(() => workshops.join(workshop.code, { name: 'Budi' }), status(410));
  assert.equal(workshops.join(workshop.code, { resumeToken: ani.resumeToken }).rejoined, true);
  const ended = workshops.end(workshop);
  assert.equal(ended.endedAt, T0 + 3 * HOUR);
  clock.now += 1000;
  assert.equal(workshops.end(ended).endedAt, T0 + 3 * HOUR, 'ending again keeps the first time');
  assert.equal(workshops.byCode(workshop.code), null);
  assert.throws(() => workshops.join(workshop.code, { resumeToken: ani.resumeToken }), status(404));
});

test('the trainer key opens its own workshop only: 401 without a key, 403 for a wrong key or code', () => {
  const { workshops } = service();
  const a = workshops.create(CLASS);
  const b = workshops.create(CLASS);
  const sessions = { authorize: () => assert.fail('not a session route') };
  const trainer = (code: string, key: string | undefined) =>
    admit('trainer-key', [code], key, sessions, { workshops });
  trainer(a.workshop.code, a.trainerKey);
  trainer(a.workshop.code.toLowerCase(), a.trainerKey);
  assert.throws(() => trainer(a.workshop.code, undefined), status(401));
  assert.throws(() => trainer(a.workshop.code, b.trainerKey), status(403));
  assert.throws(() => trainer(a.workshop.code, a.trainerKey.slice(0, -1)), status(403));
  const unknown = (() => {
    try {
      trainer('ZZZZ9999', a.trainerKey);
    } catch (err) {
      return err as PlaygroundError;
    }
  })();
  assert.deepEqual(
    [unknown?.status, unknown?.message],
    [403, 'This trainer key does not open this workshop.'],
    'an unknown code reads as a wrong key',
  );
  workshops.end(a.workshop);
  assert.equal(
    workshops.authorizeTrainer(a.workshop.code, a.trainerKey).id,
    a.workshop.id,
    'ended: still the trainer’s',
  );
  assert.throws(
    () => admit('trainer-key', [a.workshop.code], a.trainerKey, sessions),
    status(403),
    'no workshops given',
  );
  assert.ok(!trainerHash('CODE2345', 'k3y').includes('/api/'));
});

test('the rate limiter allows its capacity at once, then one per refill, per address', () => {
  const clock = { now: 0 };
  const limiter = new RateLimiter({ capacity: 10, refillMs: 6000, maxKeys: 100 }, () => clock.now);
  for (let i = 0; i < 10; i++) assert.equal(limiter.take('a'), true, `attempt ${i + 1}`);
  assert.equal(limiter.take('a'), false);
  assert.equal(limiter.waitMs('a'), 6000);
  assert.equal(limiter.waitMs('b'), 0, 'another address is not affected');
  clock.now += 5999;
  assert.equal(limiter.take('a'), false);
  clock.now += 1;
  assert.equal(limiter.take('a'), true);
  assert.equal(limiter.take('a'), false);
  clock.now += 10 * 6000 * 100; // a long quiet spell refills to capacity, not beyond
  for (let i = 0; i < 10; i++) assert.equal(limiter.take('a'), true);
  assert.equal(limiter.take('a'), false);
});

test('the rate limiter tracks a bounded number of addresses, dropping full buckets first', () => {
  const clock = { now: 0 };
  const limiter = new RateLimiter({ capacity: 2, refillMs: 1000, maxKeys: 100 }, () => clock.now);
  limiter.take('busy');
  limiter.take('busy');
  for (let i = 0; i < 99; i++) limiter.take(`quiet-${i}`);
  clock.now += 1000; // every quiet address is full again; busy has one of two
  limiter.take('one-more');
  assert.ok(limiter.size <= 100);
  assert.equal(limiter.waitMs('busy'), 0);
  assert.equal(limiter.take('busy'), true);
  assert.equal(limiter.take('busy'), false, 'the busy address kept its count');
  for (let i = 0; i < 10_000; i++) limiter.take(`flood-${i}`);
  assert.ok(limiter.size <= 100, `${limiter.size} tracked`);
});

test('addresses are limited per IPv4 address and per IPv6 /64', () => {
  assert.equal(clientKey('192.0.2.7'), '192.0.2.7');
  assert.equal(clientKey(plainAddress('::ffff:192.0.2.7')), '192.0.2.7');
  assert.equal(clientKey('2001:db8:1:2:aaaa::1'), clientKey('2001:0db8:0001:0002:ffff:1:2:3'));
  assert.notEqual(clientKey('2001:db8:1:2::1'), clientKey('2001:db8:1:3::1'));
  assert.equal(clientKey('::1'), '0:0:0:0::/64');
  assert.equal(clientKey('fe80::1%eth0'), 'fe80:0:0:0::/64');
});

test('a workshop request is checked: lessons exist, numbers in bounds, not over before it starts', () => {
  const exists = (id: string) => id === 'docker-networks';
  const ok = { title: ' Class ', seats: 30, durationMinutes: 90 };
  const parsed = parseNewWorkshop({ ...ok, lessons: ['docker-networks'], language: 'id' }, exists, T0);
  assert.deepEqual(parsed, {
    title: 'Class',
    lessons: ['docker-networks'],
    seats: 30,
    startsAt: T0,
    durationMs: 90 * 60_000,
    language: 'id',
  });
  assert.deepEqual(parseNewWorkshop(ok, exists, T0).lessons, [], 'free play');
  const refusals: [Record<string, unknown>, number][] = [
    [{ ...ok, lessons: ['nope'] }, 404],
    [{ ...ok, seats: 0 }, 400],
    [{ ...ok, seats: 201 }, 400],
    [{ ...ok, seats: 2.5 }, 400],
    [{ ...ok, durationMinutes: 24 * 60 + 1 }, 400],
    [{ ...ok, language: 'fr' }, 400],
    [{ ...ok, title: 'a\u0007' }, 400],
    [{ ...ok, startsAt: 'tomorrow' }, 400],
    [{ ...ok, startsAt: new Date(T0 - 2 * HOUR).toISOString() }, 400],
    [{ ...ok, startsAt: new Date(T0 + 91 * 24 * HOUR).toISOString() }, 400],
    [{ ...ok, lessons: Array(21).fill('docker-networks') }, 400],
  ];
  for (const [body, code] of refusals)
    assert.throws(() => parseNewWorkshop(body, exists, T0), status(code), JSON.stringify(body).slice(0, 80));
});

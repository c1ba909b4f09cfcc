// The workshops' pages without a browser: their routes (a key or resume token never stays in
// the address), the trainer's grid model (order, events, formats), the join page's flow on a
// fake API, the seats this browser keeps, the API client's paths and bearer, and the QR code.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CreatedSession } from '../../common/api';
import type { LearnerStatus } from '../../common/workshop-live';
import type { JoinedWorkshop, WorkshopInfo } from '../../common/workshops';
import { parseRoute, routeHash } from '../../client/src/app/route';
import { routeEntry } from '../../client/src/app/route-entry';
import { workshopStrings } from '../../client/src/i18n/strings';
import { ApiError } from '../../client/src/sessions/session-client';
import { TokenStore, type StorageLike } from '../../client/src/sessions/token-store';
import {
  applyClassEvent,
  formatElapsed,
  lessonGroups,
  sortLearners,
  timeLeft,
  timeOnStep,
} from '../../client/src/workshops/class-model';
import { JoinFlow, joinProblem } from '../../client/src/workshops/join-flow';
import { moveLesson } from '../../client/src/workshops/lesson-picker';
import { qrPath, QUIET } from '../../client/src/workshops/qr-path';
import { createWorkshopApi, type WorkshopApi } from '../../client/src/workshops/workshop-api';
import { joinLink, spacedCode } from '../../client/src/workshops/workshop-format';
import { SeatStore, resumeUrl } from '../../client/src/workshops/workshop-storage';
import { classFixture } from '../support/class-fixture';

const KEY = 'Zx81kq_Pq2mV0aLr5yT7wQ';

class MemoryStorage implements StorageLike {
  readonly data = new Map<string, string>();
  getItem = (k: string) => this.data.get(k) ?? null;
  setItem = (k: string, v: string) => void this.data.set(k, v);
  removeItem = (k: string) => void this.data.delete(k);
}

describe('workshop routes', () => {
  test('create, join and trainer pages parse; codes are upper-cased; bad codes are the catalogue', () => {
    assert.deepEqual(parseRoute('#/workshops/new'), { view: 'workshop-new' });
    assert.deepEqual(parseRoute('#/join/K7QM2XTB'), { view: 'join', code: 'K7QM2XTB' });
    assert.deepEqual(parseRoute('#/join/k7qm2xtb'), { view: 'join', code: 'K7QM2XTB' });
    assert.deepEqual(parseRoute(`#/join/K7QM2XTB?resume=${KEY}`), {
      view: 'join',
      code: 'K7QM2XTB',
      resume: KEY,
    });
    assert.deepEqual(parseRoute(`#/trainer/K7QM2XTB?key=${KEY}`), {
      view: 'trainer',
      code: 'K7QM2XTB',
      key: KEY,
    });
    assert.deepEqual(parseRoute('#/trainer/K7QM2XTB'), { view: 'trainer', code: 'K7QM2XTB' });
    for (const bad of [
      '#/join/K7QM2XT0',
      '#/join/K7QM2XTBB',
      '#/join/ILOU2345',
      '#/trainer/K7QM2XTB?key=short',
      '#/join/K7QM2XTB?resume=a b',
    ])
      assert.deepEqual(parseRoute(bad), { view: 'catalogue' }, bad);
  });

  test('an address made from a route never holds the trainer key or the resume token', () => {
    assert.equal(routeHash(parseRoute(`#/trainer/K7QM2XTB?key=${KEY}`)), '#/trainer/K7QM2XTB');
    assert.equal(routeHash(parseRoute(`#/join/K7QM2XTB?resume=${KEY}`)), '#/join/K7QM2XTB');
    assert.equal(routeHash({ view: 'workshop-new' }), '#/workshops/new');
  });

  test("a workshop's pages leave the sandbox this browser keeps alone", () => {
    const kept = { id: 's1', token: 't1', expiresAt: '2030-01-01T00:00:00.000Z', lessonId: 'docker-basics' };
    for (const hash of ['#/workshops/new', '#/join/K7QM2XTB', '#/trainer/K7QM2XTB'])
      assert.deepEqual(routeEntry(parseRoute(hash), kept), { action: 'show-catalogue' }, hash);
  });
});

describe("the trainer's grid", () => {
  const NOW = Date.parse('2030-01-01T10:00:00Z');
  const learner = (seat: number, extra: Partial<LearnerStatus> = {}): LearnerStatus => ({
    ...classFixture(1, NOW).learners[0]!,
    id: `l${seat}`,
    seat,
    stuck: null,
    help: null,
    ...extra,
  });
  const help = (at: string) => ({ id: at, learnerId: 'x', text: '', at });

  test('help requests first (the oldest first), then stuck learners, then by seat', () => {
    const sorted = sortLearners([
      learner(1),
      learner(2, { stuck: 'slow' }),
      learner(3, { help: help('2030-01-01T09:59:00Z') }),
      learner(4, { help: help('2030-01-01T09:50:00Z') }),
      learner(5, { stuck: 'failing', help: help('2030-01-01T09:58:00Z') }),
      learner(6, { stuck: 'failing' }),
    ]);
    assert.deepEqual(
      sorted.map((l) => l.seat),
      [5, 4, 3, 2, 6, 1],
    );
  });

  test('the class state, then a learner event replaces their row and the totals, then the workshop', () => {
    const state = classFixture(5, NOW);
    let now = applyClassEvent(null, { type: 'learner', learner: learner(9), finished: {} });
    assert.equal(now, null, 'a learner event before the class state is ignored');
    now = applyClassEvent(null, { type: 'class', state });
    assert.equal(now?.learners.length, 5);
    const moved = { ...state.learners[0]!, stuck: 'slow' as const, help: help('2030-01-01T09:00:00Z') };
    const finished = { 'docker-basics/run-container': 99 };
    now = applyClassEvent(now, { type: 'learner', learner: moved, finished });
    assert.equal(now?.learners.length, 5, 'the row is replaced, not added');
    assert.equal(now?.learners[0]?.id, moved.id, 'and sorts to the top');
    assert.deepEqual(now?.finished, finished);
    now = applyClassEvent(now, { type: 'learner', learner: learner(40), finished });
    assert.equal(now?.learners.length, 6, 'a learner who just joined gets a row');
    now = applyClassEvent(now, {
      type: 'workshop',
      workshop: { ...state.workshop, ended: true },
      readySeats: 0,
    });
    assert.equal(now?.workshop.ended, true);
    assert.equal(now?.readySeats, 0);
  });

  test('steps are grouped by lesson in their order', () => {
    const groups = lessonGroups(classFixture(0, NOW).steps);
    assert.deepEqual(
      groups.map((g) => [g.lessonId, g.steps.length]),
      [
        ['docker-basics', 4],
        ['docker-networks', 3],
      ],
    );
  });

  test('time on a step is a clock; time left warns in the last five minutes', () => {
    assert.equal(formatElapsed(45_000), '0:45');
    assert.equal(formatElapsed(12 * 60_000 + 5_000), '12:05');
    assert.equal(formatElapsed(3_725_000), '1:02:05');
    assert.equal(formatElapsed(-1), '');
    assert.equal(formatElapsed(NaN), '');
    const l = learner(1, { currentStep: 'a/b', currentSince: new Date(NOW - 90_000).toISOString() });
    assert.equal(timeOnStep(l, NOW), '1:30');
    assert.equal(timeOnStep({ ...l, currentStep: null }, NOW), '');
    const at = (ms: number) => new Date(NOW + ms).toISOString();
    assert.deepEqual(timeLeft(at(10 * 60_000), NOW), { ms: 600_000, warn: false, over: false });
    assert.deepEqual(timeLeft(at(5 * 60_000), NOW), { ms: 300_000, warn: true, over: false });
    assert.deepEqual(timeLeft(at(0), NOW), { ms: 0, warn: false, over: true });
  });
});

describe('the join page', () => {
  const info: WorkshopInfo = {
    ...classFixture(0).workshop,
    seats: 3,
    seatsLeft: 1,
  };
  const session: CreatedSession = {
    session: {
      id: 'sess1',
      state: 'ready',
      expiresAt: '2030-01-01T12:00:00.000Z',
      hosts: ['node1'],
      hostStates: {},
      maxHosts: 3,
      maxTerminals: 6,
      historyLines: 5000,
      lessonId: 'docker-basics',
    },
    token: 'tok1',
  };
  const joined = (s: CreatedSession | null): JoinedWorkshop => ({
    learnerId: 'l1',
    seat: 2,
    name: 'Sari',
    resumeToken: KEY,
    rejoined: false,
    workshop: info,
    session: s,
  });
  const host = {
    addController() {},
    removeController() {},
    requestUpdate() {},
    updateComplete: Promise.resolve(true),
  };

  function flow(api: Partial<WorkshopApi>) {
    const storage = new MemoryStorage();
    const seated: (string | undefined)[] = [];
    const f = new JoinFlow(host, {
      api: api as WorkshopApi,
      seats: new SeatStore(storage),
      sessions: new TokenStore(storage, () => Date.parse('2030-01-01T10:00:00Z')),
      onSeated: (lessonId) => seated.push(lessonId),
      onLanguage: () => undefined,
    });
    return { f, storage, seated, seats: new SeatStore(storage), sessions: new TokenStore(storage, () => 0) };
  }

  test('a name takes a seat; its session is kept like any other and the lesson opens', async () => {
    const t = flow({ info: async () => info, join: async () => joined(session) });
    await t.f.open('K7QM2XTB');
    assert.equal(t.f.phase.kind, 'form');
    await t.f.join('Sari');
    assert.deepEqual(t.seated, ['docker-basics']);
    assert.equal(t.sessions.current()?.id, 'sess1');
    assert.equal(t.sessions.current()?.lessonId, 'docker-basics');
    assert.equal(t.seats.get('K7QM2XTB')?.resumeToken, KEY);
  });

  test('a kept seat (or a resume link) rejoins without asking a name', async () => {
    const asked: unknown[] = [];
    const t = flow({
      info: async () => assert.fail('no lookup needed'),
      join: async (_code, request) => {
        asked.push(request);
        return { ...joined(session), rejoined: true };
      },
    });
    await t.f.open('K7QM2XTB', KEY);
    assert.deepEqual(asked, [{ resumeToken: KEY }]);
    assert.deepEqual(t.seated, ['docker-basics']);
  });

  test('full, over and unknown say so; a seat without a sandbox yet waits', async () => {
    assert.equal(joinProblem(404), 'unknown');
    assert.equal(joinProblem(410), 'ended');
    assert.equal(joinProblem(200, { ...info, ended: true }), 'ended');
    assert.equal(joinProblem(409), 'full');
    assert.equal(joinProblem(500), 'other');
    const full = flow({ info: async () => ({ ...info, seatsLeft: 0 }) });
    await full.f.open('K7QM2XTB');
    assert.deepEqual(
      [full.f.phase.kind, full.f.phase.kind === 'problem' && full.f.phase.problem],
      ['problem', 'full'],
    );
    const unknown = flow({ info: async () => Promise.reject(new ApiError('No running workshop', 404)) });
    await unknown.f.open('K7QM2XTB');
    assert.equal(unknown.f.phase.kind === 'problem' && unknown.f.phase.problem, 'unknown');
    const waiting = flow({ info: async () => info, join: async () => joined(null) });
    await waiting.f.open('K7QM2XTB');
    await waiting.f.join('Sari');
    assert.equal(waiting.f.phase.kind, 'waiting');
    assert.deepEqual(waiting.seated, []);
    waiting.f.hostDisconnected();
  });

  test('the seats kept in this browser are bounded and ignore what is not theirs', () => {
    const storage = new MemoryStorage();
    const seats = new SeatStore(storage);
    for (let i = 0; i < 30; i++)
      seats.save(`K7QM2X${'23456789ABCDEFGHJKMNPQRSTVWXYZ'[i]}B`, { resumeToken: `t${i}`, name: '' });
    assert.equal(Object.keys(JSON.parse([...storage.data.values()][0]!) as object).length, 20);
    storage.setItem(
      'docker-playground.workshop-seats.v1',
      JSON.stringify({ nope: { resumeToken: 'x' }, K7QM2XTB: { resumeToken: 5 } }),
    );
    assert.equal(seats.get('K7QM2XTB'), null);
    storage.setItem('docker-playground.workshop-seats.v1', '{not json');
    assert.equal(seats.get('K7QM2XTB'), null);
    assert.equal(resumeUrl('http://h', 'K7QM2XTB', KEY), `http://h/#/join/K7QM2XTB?resume=${KEY}`);
    assert.deepEqual(parseRoute(new URL(resumeUrl('http://h', 'K7QM2XTB', KEY)).hash), {
      view: 'join',
      code: 'K7QM2XTB',
      resume: KEY,
    });
  });
});

describe('small pieces', () => {
  test('the API client sends the key as a bearer, never in the path, and keeps the status of a refusal', async () => {
    const calls: { url: string; init: RequestInit | undefined }[] = [];
    const api = createWorkshopApi({
      messages: workshopStringsMessages(),
      fetch: async (url, init) => {
        calls.push({ url, init });
        if (url.endsWith('/end'))
          return new Response(JSON.stringify({ error: 'This trainer key does not open this workshop.' }), {
            status: 403,
          });
        return new Response('a,b\n', { status: 200 });
      },
    });
    assert.equal(await api.results('K7QM2XTB', KEY, 'csv', 'id'), 'a,b\n');
    await assert.rejects(
      api.end('K7QM2XTB', KEY),
      (err: ApiError) => err.status === 403 && /trainer key/.test(err.message),
    );
    for (const c of calls) {
      assert.ok(!c.url.includes(KEY));
      assert.equal((c.init?.headers as Record<string, string>).Authorization, `Bearer ${KEY}`);
    }
    assert.equal(calls[0]!.url, '/api/workshops/K7QM2XTB/results?format=csv&lang=id');
  });

  test('codes are spaced for reading aloud; lessons move within bounds', () => {
    assert.equal(spacedCode('K7QM2XTB'), 'K7QM 2XTB');
    assert.equal(joinLink('http://h:1', 'K7QM2XTB'), 'http://h:1/#/join/K7QM2XTB');
    assert.deepEqual(moveLesson(['a', 'b', 'c'], 0, 1), ['b', 'a', 'c']);
    assert.deepEqual(moveLesson(['a', 'b', 'c'], 0, -1), ['a', 'b', 'c']);
    assert.deepEqual(moveLesson(['a', 'b', 'c'], 2, 1), ['a', 'b', 'c']);
  });

  test('the QR code has its three finder squares and a quiet zone', () => {
    const { size, d } = qrPath('http://192.168.1.20:8080/#/join/K7QM2XTB');
    const n = size - 2 * QUIET;
    assert.ok(n >= 21 && (n - 21) % 4 === 0, `a QR version's size, got ${n}`);
    const dark = new Set(
      d
        .split('M')
        .filter(Boolean)
        .map((p) => p.split('h')[0]),
    );
    const corners: [number, number][] = [
      [0, 0],
      [n - 7, 0],
      [0, n - 7],
    ];
    for (const [x, y] of corners)
      for (let i = 0; i < 7; i++) {
        assert.ok(dark.has(`${QUIET + x + i} ${QUIET + y}`), 'finder top edge');
        assert.ok(dark.has(`${QUIET + x} ${QUIET + y + i}`), 'finder left edge');
      }
    assert.ok(![...dark].some((p) => Number(p?.split(' ')[0]) < QUIET), 'nothing in the quiet zone');
  });

  test('every workshop word exists in both languages', () => {
    for (const key of Object.keys(workshopStrings.en) as (keyof typeof workshopStrings.en)[]) {
      assert.ok(workshopStrings.id[key], key);
      if (typeof workshopStrings.en[key] === 'string') assert.notEqual(workshopStrings.en[key], '', key);
    }
  });
});

function workshopStringsMessages() {
  return {
    networkError: 'network',
    unexpectedAnswer: (s: number) => `status ${s}`,
    tooManyRequests: 'slow down',
    serviceUnavailable: 'unavailable',
  };
}

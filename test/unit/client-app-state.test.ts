import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SessionView } from '../../common/api';
import {
  formatRemaining,
  hasLiveSession,
  initialState,
  reduce,
  runningSandbox,
  startEndsRunning,
  type AppState,
} from '../../client/src/app/app-state';
import { pageStrings, pickStrings } from '../../client/src/i18n/strings';

const en = pageStrings.en;

const m = { sessionFailedDefault: 'could not start', sessionGone: 'gone' };
const session = (state: SessionView['state'], error?: string): SessionView => ({
  id: 's1',
  state,
  expiresAt: '2030-01-01T00:00:00.000Z',
  hosts: ['node1'],
  hostStates: { node1: { state: 'ready' } },
  maxHosts: 3,
  maxTerminals: 8,
  historyLines: 5000,
  ...(error ? { error } : {}),
});

test('start, boot, ready', () => {
  let s: AppState = initialState;
  assert.equal(s.kind, 'idle');
  s = reduce(s, { type: 'start' }, m);
  assert.deepEqual(s, { kind: 'starting', phase: 'creating' });
  assert.equal(hasLiveSession(s), false);
  s = reduce(s, { type: 'session', session: session('starting') }, m);
  assert.equal(s.kind === 'starting' && s.phase, 'booting');
  assert.equal(hasLiveSession(s), true);
  s = reduce(s, { type: 'session', session: session('ready') }, m);
  assert.equal(s.kind, 'ready');
  assert.equal(hasLiveSession(s), true);
});

test("a failed session shows the server's error, or a default, and retry creates", () => {
  const s = reduce(initialState, { type: 'session', session: session('failed', ' image missing ') }, m);
  assert.deepEqual(s, { kind: 'error', message: 'image missing', retry: 'create', sessionFailed: true });
  const d = reduce(initialState, { type: 'session', session: session('failed') }, m);
  assert.equal(d.kind === 'error' && d.message, 'could not start');
});

test('request failures retry by resuming when a session is known', () => {
  const a = reduce(initialState, { type: 'request-failed', message: 'down', canResume: true }, m);
  assert.deepEqual(a, { kind: 'error', message: 'down', retry: 'resume', sessionFailed: false });
  const b = reduce(initialState, { type: 'request-failed', message: 'down', canResume: false }, m);
  assert.equal(b.kind === 'error' && b.retry, 'create');
});

test('ended sessions, gone sessions and ending by hand', () => {
  const ready: AppState = { kind: 'ready', session: session('ready') };
  assert.deepEqual(reduce(ready, { type: 'session', session: session('ended') }, m), {
    kind: 'ended',
    message: 'gone',
  });
  assert.deepEqual(reduce(ready, { type: 'gone', message: 'expired' }, m), {
    kind: 'ended',
    message: 'expired',
  });
  assert.deepEqual(reduce(ready, { type: 'ended-by-user', notice: 'bye' }, m), {
    kind: 'idle',
    notice: 'bye',
  });
  assert.deepEqual(reduce(initialState, { type: 'resume' }, m), { kind: 'starting', phase: 'resuming' });
});

test('remaining time reads naturally', () => {
  const w = en.durations;
  assert.equal(formatRemaining(0, w), null);
  assert.equal(formatRemaining(-5, w), null);
  assert.equal(formatRemaining(45_000, w), '45 s');
  assert.equal(formatRemaining(58 * 60_000 + 1, w), '59 min');
  assert.equal(formatRemaining(60 * 60_000, w), '1 h 00 min');
  assert.equal(formatRemaining(125 * 60_000, w), '2 h 05 min');
});

test('strings follow the first known language, else English', () => {
  assert.equal(pickStrings(['id-ID', 'fr']), pageStrings.id);
  assert.equal(pickStrings(['fr', 'de']), en);
  assert.equal(pickStrings([]), en);
  assert.equal(pickStrings(['en-GB', 'id']), en);
});

const NOW = Date.parse('2030-01-01T00:00:00.000Z');
const inMinutes = (min: number) => new Date(NOW + min * 60_000).toISOString();

test('a start page offers the kept sandbox with its time left, until its time is up', () => {
  const w = en.durations;
  assert.equal(runningSandbox(null, NOW, w), null);
  assert.deepEqual(runningSandbox({ expiresAt: inMinutes(112), lessonId: 'docker-networks' }, NOW, w), {
    lessonId: 'docker-networks',
    timeLeft: '1 h 52 min',
  });
  assert.deepEqual(runningSandbox({ expiresAt: inMinutes(5) }, NOW, w), { timeLeft: '5 min' });
  assert.equal(runningSandbox({ expiresAt: inMinutes(-1) }, NOW, w), null);
});

test('starting asks first whenever it would end a running sandbox', () => {
  const idle: AppState = { kind: 'idle' };
  const ready: AppState = { kind: 'ready', session: session('ready') };
  const booting: AppState = { kind: 'starting', phase: 'booting', session: session('starting') };
  const ended: AppState = { kind: 'ended', message: 'gone' };
  const lessonKept = { expiresAt: inMinutes(30), lessonId: 'docker-networks' };
  // Free play while a lesson's sandbox is kept: a Start would remove that one.
  assert.equal(startEndsRunning(idle, lessonKept, NOW), true);
  assert.equal(startEndsRunning(ended, { expiresAt: inMinutes(30) }, NOW), true);
  assert.equal(startEndsRunning(ready, null, NOW), true);
  assert.equal(startEndsRunning(booting, null, NOW), true);
  // Nothing runs: nothing to ask about.
  assert.equal(startEndsRunning(idle, null, NOW), false);
  assert.equal(startEndsRunning(ended, null, NOW), false);
  assert.equal(startEndsRunning(idle, { expiresAt: inMinutes(-1) }, NOW), false);
  assert.equal(startEndsRunning(idle, { expiresAt: 'not a time' }, NOW), false);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SessionView } from '../../common/api';
import {
  ApiError,
  createSessionApi,
  waitUntilSettled,
  type ApiMessages,
  type FetchLike,
} from '../../client/src/sessions/session-client';
import { TokenStore, type StorageLike } from '../../client/src/sessions/token-store';

const messages: ApiMessages = {
  networkError: 'network down',
  unexpectedAnswer: (s) => `unexpected ${s}`,
  tooManyRequests: 'slow down',
  serviceUnavailable: 'unavailable',
};

const session = (state: SessionView['state'], extra: Partial<SessionView> = {}): SessionView => ({
  id: 's1',
  state,
  expiresAt: '2030-01-01T00:00:00.000Z',
  hosts: ['node1'],
  hostStates: { node1: { state: 'ready' } },
  maxHosts: 3,
  maxTerminals: 8,
  historyLines: 5000,
  ...extra,
});

function fakeFetch(answers: Array<Response | Error>) {
  const calls: Array<{ url: string; init: RequestInit | undefined }> = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    if (next instanceof Error) throw next;
    return next;
  };
  return { fetch, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

test('create posts to /api/sessions and returns session and token', async () => {
  const { fetch, calls } = fakeFetch([json(201, { session: session('starting'), token: 'tk' })]);
  const api = createSessionApi({ messages, fetch });
  const created = await api.create();
  assert.equal(created.token, 'tk');
  assert.equal(calls[0]!.url, '/api/sessions');
  assert.equal(calls[0]!.init?.method, 'POST');
});

test('get and end send the token as a bearer credential', async () => {
  const { fetch, calls } = fakeFetch([json(200, session('ready')), new Response(null, { status: 204 })]);
  const api = createSessionApi({ messages, fetch, baseUrl: 'http://h' });
  assert.equal((await api.get('a/b', 'tk')).state, 'ready');
  await api.end('a/b', 'tk');
  assert.equal(calls[0]!.url, 'http://h/api/sessions/a%2Fb');
  assert.equal((calls[0]!.init?.headers as Record<string, string>).Authorization, 'Bearer tk');
  assert.equal(calls[1]!.init?.method, 'DELETE');
  assert.equal((calls[1]!.init?.headers as Record<string, string>).Authorization, 'Bearer tk');
});

test("error answers carry the server's message and status", async () => {
  const { fetch } = fakeFetch([
    json(503, { error: 'The sandbox image is missing: run npm run setup.' }),
    new Response('<html>bad gateway</html>', { status: 502 }),
    new Response('', { status: 429 }),
    json(404, { error: 'no such session' }),
    new TypeError('Failed to fetch'),
    new Response('not json', { status: 200 }),
  ]);
  const api = createSessionApi({ messages, fetch });
  const fails = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (err) {
      assert.ok(err instanceof ApiError);
      return err;
    }
    assert.fail('expected a failure');
  };
  const e503 = await fails(api.create());
  assert.equal(e503.message, 'The sandbox image is missing: run npm run setup.');
  assert.equal(e503.status, 503);
  assert.equal((await fails(api.create())).message, 'unavailable');
  assert.equal((await fails(api.create())).message, 'slow down');
  const e404 = await fails(api.get('x', 'y'));
  assert.equal(e404.sessionGone, true);
  const net = await fails(api.create());
  assert.equal(net.message, 'network down');
  assert.equal(net.status, 0);
  assert.equal((await fails(api.get('x', 'y'))).message, 'unexpected 200');
});

test('waitUntilSettled polls until the session is no longer starting', async () => {
  const answers = [session('starting'), session('starting'), session('ready')];
  const seen: string[] = [];
  const sleeps: number[] = [];
  const result = await waitUntilSettled({ get: async () => answers.shift()! }, 's1', 'tk', {
    intervalMs: 300,
    timeoutMessage: 'too slow',
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    onUpdate: (s) => seen.push(s.state),
  });
  assert.equal(result.state, 'ready');
  assert.deepEqual(seen, ['starting', 'starting', 'ready']);
  assert.deepEqual(sleeps, [300, 300]);
});

test('waitUntilSettled gives up after its timeout', async () => {
  let now = 0;
  await assert.rejects(
    waitUntilSettled({ get: async () => session('starting') }, 's1', 'tk', {
      intervalMs: 300,
      timeoutMs: 1000,
      timeoutMessage: 'too slow',
      now: () => now,
      sleep: async (ms) => {
        now += ms;
      },
    }),
    (err: unknown) => err instanceof ApiError && err.message === 'too slow',
  );
});

test('waitUntilSettled stops when aborted', async () => {
  const ctl = new AbortController();
  await assert.rejects(
    waitUntilSettled({ get: async () => session('starting') }, 's1', 'tk', {
      signal: ctl.signal,
      timeoutMessage: 'too slow',
      sleep: async () => ctl.abort(),
    }),
    (err: unknown) => err instanceof DOMException && err.name === 'AbortError',
  );
});

class MemoryStorage implements StorageLike {
  map = new Map<string, string>();
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

test('the token store remembers the current session until it is forgotten or expires', () => {
  const storage = new MemoryStorage();
  let now = Date.parse('2030-01-01T00:00:00Z');
  const store = new TokenStore(storage, () => now);
  assert.equal(store.current(), null);
  store.save({ id: 'a', token: 'ta', expiresAt: '2030-01-01T01:00:00Z' });
  store.save({ id: 'b', token: 'tb', expiresAt: '2030-01-01T02:00:00Z' });
  assert.deepEqual(store.current(), { id: 'b', token: 'tb', expiresAt: '2030-01-01T02:00:00Z' });
  // Survives a reload (a new store over the same storage).
  assert.equal(new TokenStore(storage, () => now).current()?.token, 'tb');
  // Remembers which lesson a session is for, across a reload too.
  store.save({ id: 'l', token: 'tl', expiresAt: '2030-01-01T02:00:00Z', lessonId: 'docker-networks' });
  assert.equal(new TokenStore(storage, () => now).current()?.lessonId, 'docker-networks');
  store.forget('l');
  store.save({ id: 'b', token: 'tb', expiresAt: '2030-01-01T02:00:00Z' });
  assert.equal(store.current()?.lessonId, undefined);
  store.forget('b');
  assert.equal(store.current(), null);
  store.save({ id: 'c', token: 'tc', expiresAt: '2030-01-01T00:30:00Z' });
  now = Date.parse('2030-01-01T00:45:00Z');
  assert.equal(store.current(), null);
  store.touch('a', '2030-01-01T03:00:00Z');
  store.forget('a');
  assert.equal(storage.map.size, 0);
});

test('the token store survives broken or missing storage', () => {
  const storage = new MemoryStorage();
  storage.setItem('docker-playground.sessions.v1', '{not json');
  assert.equal(new TokenStore(storage).current(), null);
  const none = new TokenStore(null);
  none.save({ id: 'a', token: 't', expiresAt: '2999-01-01T00:00:00Z' });
  assert.equal(none.current(), null);
  const throwing: StorageLike = {
    getItem: () => {
      throw new Error('denied');
    },
    setItem: () => {
      throw new Error('denied');
    },
    removeItem: () => {},
  };
  const store = new TokenStore(throwing);
  assert.doesNotThrow(() => store.save({ id: 'a', token: 't', expiresAt: '2999-01-01T00:00:00Z' }));
  assert.equal(store.current(), null);
});

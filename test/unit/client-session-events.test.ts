// The page's events socket: events reach the page, a dropped socket reconnects, a session
// that is gone stops it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SessionEvent } from '../../common/events.js';
import { SessionEvents } from '../../client/src/sessions/session-events.js';

class FakeSocket {
  static made: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((m: { data: unknown }) => void) | null = null;
  onclose: ((c: { code: number; reason: string }) => void) | null = null;
  closed = false;
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    FakeSocket.made.push(this);
  }
  close(): void {
    this.closed = true;
  }
}

function start(events: SessionEvent[], gone: string[]) {
  FakeSocket.made = [];
  return new SessionEvents({
    sessionId: 'abc',
    token: 't0k',
    origin: 'ws://test',
    onEvent: (e) => events.push(e),
    onGone: (r) => gone.push(r),
    createSocket: (url, protocols) => new FakeSocket(url, protocols) as unknown as WebSocket,
  });
}

test('events arrive, malformed ones are dropped, and a dropped socket reconnects', async () => {
  const events: SessionEvent[] = [];
  const client = start(events, []);
  const first = FakeSocket.made[0]!;
  assert.equal(first.url, 'ws://test/api/sessions/abc/events');
  assert.deepEqual(first.protocols, ['playground.events.v1', 'playground.token.t0k']);
  first.onopen!();
  first.onmessage!({ data: '{"type":"notice","level":"info","message":"hi"}' });
  first.onmessage!({ data: '{broken' });
  assert.deepEqual(events, [{ type: 'notice', level: 'info', message: 'hi' }]);
  first.onclose!({ code: 1006, reason: '' });
  await sleep(600);
  assert.equal(FakeSocket.made.length, 2, 'reconnected after the first backoff');
  client.dispose();
  assert.ok(FakeSocket.made[1]!.closed);
});

test('a close that means the session is gone stops reconnecting and says so', async () => {
  const gone: string[] = [];
  const client = start([], gone);
  FakeSocket.made[0]!.onclose!({ code: 4410, reason: 'The session has ended.' });
  await sleep(700);
  assert.equal(FakeSocket.made.length, 1);
  assert.deepEqual(gone, ['The session has ended.']);
  client.dispose();
});

// The page's side of opening a port: asking for a ticket with the session token.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSessionApi, type ApiMessages, type FetchLike } from '../../client/src/sessions/session-client';

const messages: ApiMessages = {
  networkError: 'network down',
  unexpectedAnswer: (s) => `unexpected ${s}`,
  tooManyRequests: 'slow down',
  serviceUnavailable: 'unavailable',
};

function answering(response: Response) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    return response;
  };
  return { api: createSessionApi({ messages, fetch }), calls };
}

test('requestPortTicket posts with the session token and returns the URL', async () => {
  const url = 'http://node1-5000-0f3a9c2b71de.localhost:8080/.playground-ticket/abc';
  const { api, calls } = answering(new Response(JSON.stringify({ url }), { status: 200 }));
  assert.deepEqual(await api.requestPortTicket('0f3a9c2b71de', 'tk', 'node1', 5000), { url });
  assert.equal(calls[0]!.url, '/api/sessions/0f3a9c2b71de/ports/node1/5000/ticket');
  assert.equal(calls[0]!.init?.method, 'POST');
  assert.equal((calls[0]!.init?.headers as Record<string, string>).Authorization, 'Bearer tk');
});

test("requestPortTicket passes on the server's reason, and refuses an answer without a URL", async () => {
  const gone = answering(
    new Response(JSON.stringify({ error: 'No container on "node1" publishes port 5000 right now.' }), {
      status: 404,
    }),
  );
  await assert.rejects(gone.api.requestPortTicket('s', 'tk', 'node1', 5000), /publishes port 5000/);
  const odd = answering(new Response(JSON.stringify({}), { status: 200 }));
  await assert.rejects(odd.api.requestPortTicket('s', 'tk', 'node1', 5000), /unexpected 200/);
});

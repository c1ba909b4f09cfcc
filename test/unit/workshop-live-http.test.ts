// The live class's routes and socket through the real HTTP server, with fake sandboxes (no
// engine): who may open the class socket, that it sends the class first and a learner's
// row when they ask for help, that a message reaches the learner's events socket, and the
// results' formats.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CreatedSession } from '../../common/api.js';
import { CloseCode } from '../../common/protocol.js';
import type { HelpRequest } from '../../common/workshop-live.js';
import type { CreatedWorkshop, JoinedWorkshop } from '../../common/workshops.js';
import { TestClass } from '../support/class-client.js';
import { TestEvents } from '../support/events-client.js';
import { startTestHttpServer, type TestHttpServer } from '../support/http-server.js';
import { api } from '../support/playground.js';

let server: TestHttpServer;

before(async () => {
  server = await startTestHttpServer();
});

after(() => server.close());

test('the class socket, help, a message and the results through the real server', async () => {
  const { url } = server;
  const created = await api<CreatedWorkshop>(url, 'POST', '/api/workshops', undefined, {
    title: 'Free play',
    seats: 3,
    durationMinutes: 30,
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const { joinCode: code, trainerKey: key } = created.body;
  const joined = await api<JoinedWorkshop>(url, 'POST', `/api/workshops/${code}/join`, undefined, {
    name: 'Ani',
  });
  const session = await api<CreatedSession>(url, 'POST', '/api/sessions', undefined, {});
  const { id: sessionId } = session.body.session;
  const { token } = session.body;

  // Before the seat holds the session, its learner routes say so.
  const early = await api<{ error: string }>(url, 'POST', `/api/sessions/${sessionId}/help`, token, {});
  assert.equal(early.status, 409);
  server.workshops.assignSession(joined.body.learnerId, sessionId);

  assert.equal((await (await TestClass.open(url, code)).closed).code, CloseCode.BadToken);
  assert.equal((await (await TestClass.open(url, code, token)).closed).code, CloseCode.ForeignOrigin);
  assert.equal((await (await TestClass.open(url, 'ZZZZZZZZ', key)).closed).code, CloseCode.ForeignOrigin);
  const trainer = await TestClass.open(url, code, key);
  after(() => trainer.close());
  const first = await trainer.waitFor((e) => e.type === 'class');
  assert.deepEqual(first.type === 'class' && first.state.learners.map((l) => l.name), ['Ani']);

  const page = await TestEvents.open(url, sessionId, token);
  after(() => page.close());
  await trainer.row(joined.body.learnerId, (l) => l.online);
  const help = await api<HelpRequest>(url, 'POST', `/api/sessions/${sessionId}/help`, token, {
    text: 'stuck',
  });
  assert.equal(help.status, 201);
  await trainer.row(joined.body.learnerId, (l) => l.help?.text === 'stuck');
  await page.waitFor((e) => e.type === 'help' && e.open?.text === 'stuck');
  assert.equal((await api(url, 'DELETE', `/api/sessions/${sessionId}/help`, token)).status, 204);
  await trainer.row(joined.body.learnerId, (l) => l.help === null);

  const message = await api(url, 'POST', `/api/workshops/${code}/messages`, key, {
    text: 'Hello',
    learnerId: joined.body.learnerId,
  });
  assert.equal(message.status, 200);
  await page.waitFor((e) => e.type === 'message' && e.text === 'Hello' && !e.toEveryone);
  assert.equal((await api(url, 'POST', `/api/workshops/${code}/messages`, token, { text: 'x' })).status, 403);
  const toNobody = await api(url, 'POST', `/api/workshops/${code}/messages`, key, {
    text: 'x',
    learnerId: 'ab',
  });
  assert.equal(toNobody.status, 404);

  // Asking again and again is cut off per learner, with Retry-After.
  let last = 0;
  for (let i = 0; i < 6 && last !== 429; i++)
    last = (await api(url, 'POST', `/api/sessions/${sessionId}/help`, token, {})).status;
  assert.equal(last, 429);

  const results = await api<unknown[]>(url, 'GET', `/api/workshops/${code}/results`, key);
  assert.deepEqual([results.status, results.body], [200, []], 'free play has no steps');
  assert.equal((await api(url, 'GET', `/api/workshops/${code}/results?lang=fr`, key)).status, 400);
});

// A learner's one extension outlives the server: after a restart on the same database the
// session keeps its later end, the extension is not offered again, and asking is refused.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { ApiError, SessionView } from '../../common/api.js';
import type { RunningPlayground } from '../../server/app.js';
import { api, readySession, startTestPlayground } from '../support/playground.js';

const dir = await mkdtemp(path.join(tmpdir(), 'session-extend-'));
const settings = { dbPath: path.join(dir, 'playground.db'), sessionExtendMs: 30 * 60_000 };
let pg: RunningPlayground | undefined;
let sessionId: string | undefined;

after(async () => {
  if (pg && sessionId) await pg.sandboxes.destroy(sessionId);
  await pg?.close();
  await rm(dir, { recursive: true, force: true });
});

test('an extended session keeps its end, and its extension used, across a restart', async () => {
  pg = await startTestPlayground(settings);
  const { session, token } = await readySession(pg.url);
  sessionId = session.id;
  assert.equal(session.canExtend, true);
  const extended = await api<SessionView>(pg.url, 'POST', `/api/sessions/${session.id}/extend`, token);
  assert.equal(extended.status, 200);
  assert.equal(Date.parse(extended.body.expiresAt) - Date.parse(session.expiresAt), 30 * 60_000);

  await pg.close();
  pg = await startTestPlayground(settings);
  const adopted = await api<SessionView>(pg.url, 'GET', `/api/sessions/${session.id}`, token);
  assert.equal(adopted.status, 200);
  assert.equal(adopted.body.expiresAt, extended.body.expiresAt);
  assert.equal(adopted.body.canExtend, undefined);
  const again = await api<ApiError>(pg.url, 'POST', `/api/sessions/${session.id}/extend`, token);
  assert.equal(again.status, 409);
  assert.equal(again.body.code, 'extend-once');
});

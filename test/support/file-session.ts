// One playground and one ready session shared by a test file's tests.
import { after, before } from 'node:test';
import type { RunningPlayground } from '../../server/app.js';
import type { Config } from '../../server/config.js';
import { api, readySession, startTestPlayground } from './playground.js';

/** A test file's playground and one ready session, made before its tests and ended after them. */
export interface FileSession {
  pg: RunningPlayground;
  sessionId: string;
  token: string;
}

/** Registers the hooks that make (before) and end (after) a test file's FileSession. */
export function playgroundWithSession(overrides: Partial<Config> = {}): FileSession {
  const file = {} as FileSession;
  before(async () => {
    file.pg = await startTestPlayground(overrides);
    const created = await readySession(file.pg.url);
    file.sessionId = created.session.id;
    file.token = created.token;
  });
  after(async () => {
    if (file.sessionId) await api(file.pg.url, 'DELETE', `/api/sessions/${file.sessionId}`, file.token);
    await file.pg?.close();
  });
  return file;
}

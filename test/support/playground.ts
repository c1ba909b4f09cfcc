// Starts a real playground (real engine, real sandboxes) on a free loopback port, as this
// test run's own instance: it adopts and reaps only the sessions this run made, and keeps its
// workshops and progress in a database file of its own (the same one across its restarts).
import { startPlayground, type PlaygroundOptions, type RunningPlayground } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/config.js';
import { runSetup } from '../../server/setup/index.js';
import type { CreatedSession, CreateSessionRequest, SessionView } from '../../common/api.js';
import { removeDeadRuns, runDatabase, runInstance } from './instances.js';

export async function startTestPlayground(
  overrides: Partial<Config> = {},
  options: PlaygroundOptions = {},
): Promise<RunningPlayground> {
  const config: Config = {
    ...loadConfig(),
    instance: runInstance('test'),
    host: '127.0.0.1',
    port: 0,
    maxSessions: 20,
    maxSessionsPerClient: 20,
    // No warm pool unless a test asks: a test counts the sandboxes it makes.
    warmSandboxes: 0,
    ...overrides,
  };
  config.dbPath = overrides.dbPath ?? runDatabase(config.instance);
  const setup = await runSetup(config, () => undefined);
  await removeDeadRuns(setup.endpoint.docker, config);
  return startPlayground(config, setup, options);
}

export async function api<T>(
  base: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** Creates a session (for a lesson, optionally) and waits (bounded) until its sandboxes are ready. */
export async function readySession(
  base: string,
  timeoutMs = 90_000,
  request: CreateSessionRequest = {},
): Promise<CreatedSession> {
  const created = await api<CreatedSession>(base, 'POST', '/api/sessions', undefined, request);
  if (created.status !== 201) throw new Error(`POST /api/sessions answered ${created.status}`);
  const { session, token } = created.body;
  return {
    session: await waitForSession(base, session.id, token, (s) => s.state === 'ready', timeoutMs),
    token,
  };
}

/** Polls a session (bounded) until `done` holds; throws if it failed. */
export async function waitForSession(
  base: string,
  id: string,
  token: string,
  done: (s: SessionView) => boolean,
  timeoutMs = 90_000,
): Promise<SessionView> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { body } = await api<SessionView>(base, 'GET', `/api/sessions/${id}`, token);
    if (done(body)) return body;
    if (body.state === 'failed') throw new Error(`sandbox failed: ${body.error}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('session did not reach the wanted state in time');
}

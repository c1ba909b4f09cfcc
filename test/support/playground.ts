// Starts a real playground (real engine, real sandboxes) on a free loopback port.
import { startPlayground, type RunningPlayground } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/config.js';
import { runSetup } from '../../server/setup/index.js';
import type { CreatedSession, SessionView } from '../../common/api.js';

export async function startTestPlayground(overrides: Partial<Config> = {}): Promise<RunningPlayground> {
  const config: Config = {
    ...loadConfig(),
    host: '127.0.0.1',
    port: 0,
    maxSessions: 20,
    maxSessionsPerClient: 20,
    ...overrides,
  };
  return startPlayground(config, await runSetup(config, () => undefined));
}

export async function api<T>(
  base: string,
  method: string,
  path: string,
  token?: string,
): Promise<{ status: number; body: T }> {
  const res = await fetch(base + path, {
    method,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** Creates a session and waits (bounded) until its sandbox is ready. */
export async function readySession(base: string, timeoutMs = 90_000): Promise<CreatedSession> {
  const created = await api<CreatedSession>(base, 'POST', '/api/sessions');
  if (created.status !== 201) throw new Error(`POST /api/sessions answered ${created.status}`);
  const { session, token } = created.body;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { body } = await api<SessionView>(base, 'GET', `/api/sessions/${session.id}`, token);
    if (body.state === 'ready') return { session: body, token };
    if (body.state === 'failed') throw new Error(`sandbox failed: ${body.error}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('sandbox not ready in time');
}

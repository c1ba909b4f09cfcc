// One learner opens as many connections to the registry mirror as they can and keeps them;
// the host firewall lets a session hold only so many, and another learner still pulls.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type Docker from 'dockerode';
import type { RunningPlayground } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { execCapture } from '../../server/engine/exec.js';
import { MIRROR_CONNECTIONS_PER_SESSION } from '../../server/sandboxes/firewall.js';
import { api, readySession, startTestPlayground } from '../support/playground.js';

let pg: RunningPlayground;
const sessions: { id: string; token: string }[] = [];
const ATTEMPTS = 200;
/** The holder stops by itself after this long, even if the test dies. */
const HOLD_SECONDS = 120;

before(async () => {
  pg = await startTestPlayground();
  for (let i = 0; i < 2; i++) {
    const { session, token } = await readySession(pg.url);
    sessions.push({ id: session.id, token });
  }
});

after(async () => {
  for (const s of sessions)
    await api(pg.url, 'DELETE', `/api/sessions/${s.id}`, s.token).catch(() => undefined);
  await pg?.close();
});

/** Opens ATTEMPTS connections to the mirror from bash and holds the ones that open. */
async function holdConnections(container: Docker.Container, mirror: string): Promise<number> {
  const [host, port] = mirror.split(':');
  const script = `
n=0
for i in $(seq ${ATTEMPTS}); do
  if exec {fd}<>/dev/tcp/${host}/${port}; then n=$((n + 1)); fi
done 2>/dev/null
echo $n >/tmp/held
sleep ${HOLD_SECONDS}`;
  const start = await execCapture(container, [
    'sh',
    '-c',
    `cat >/tmp/hold.sh <<'EOF'\n${script}\nEOF\n` +
      'rm -f /tmp/held; setsid timeout 200 bash /tmp/hold.sh >/dev/null 2>&1 & echo $! >/tmp/hold.pid\n' +
      'for i in $(seq 600); do [ -s /tmp/held ] && break; sleep 0.1; done; cat /tmp/held',
  ]);
  return Number(start.output.trim());
}

test('a session holds only so many mirror connections, and another session still pulls', async (t) => {
  const hog = (await pg.sandboxes.container(sessions[0]!.id))!;
  const other = (await pg.sandboxes.container(sessions[1]!.id))!;
  const { Config } = await hog.inspect();
  const mirror = Config.Env.find((e) => e.startsWith('MIRROR='))!.slice('MIRROR='.length);
  assert.ok(mirror.endsWith(`:${loadConfig().mirrorPort}`));
  const held = await holdConnections(hog, mirror);
  t.diagnostic(`one session opened ${held} of ${ATTEMPTS} connections to the mirror`);
  try {
    assert.ok(held > 0, 'a session can reach the mirror at all');
    assert.ok(
      held <= MIRROR_CONNECTIONS_PER_SESSION,
      `one session holds ${held} connections to the mirror (limit ${MIRROR_CONNECTIONS_PER_SESSION})`,
    );
    const pull = await execCapture(other, ['docker', 'pull', 'redis:alpine']);
    assert.equal(pull.exitCode, 0, `another session's pull: ${pull.output}`);
  } finally {
    await execCapture(hog, ['sh', '-c', 'kill -- -$(cat /tmp/hold.pid) 2>/dev/null; true']);
  }
});

// Several hosts per session, on real sandboxes: node2 joins the session network, answers
// to its name from node1, goes away again; the limits and the events channel tell the page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { SessionView } from '../../common/api.js';
import type { RunningPlayground } from '../../server/app.js';
import { execCapture } from '../../server/engine/exec.js';
import { TestEvents } from '../support/events-client.js';
import { api, readySession, startTestPlayground, waitForSession } from '../support/playground.js';

let pg: RunningPlayground;

before(async () => {
  pg = await startTestPlayground({ maxHostsPerSession: 2 });
});

after(async () => {
  await pg?.close();
});

test('a second host joins the session, is reachable by name, and can be removed', async () => {
  const { session, token } = await readySession(pg.url);
  const events = await TestEvents.open(pg.url, session.id, token);
  try {
    assert.deepEqual(session.hosts, ['node1']);
    const added = await api<SessionView>(pg.url, 'POST', `/api/sessions/${session.id}/hosts`, token);
    assert.equal(added.status, 201);
    assert.deepEqual(added.body.hosts, ['node1', 'node2']);
    assert.equal(added.body.hostStates.node2?.state, 'starting');

    const full = await api<{ error: string }>(pg.url, 'POST', `/api/sessions/${session.id}/hosts`, token);
    assert.equal(full.status, 409);
    assert.match(full.body.error, /at most 2 hosts/);

    await waitForSession(pg.url, session.id, token, (s) => s.hostStates.node2?.state === 'ready');
    await events.waitFor((e) => e.type === 'session' && e.session.hostStates.node2?.state === 'ready');

    const node1 = (await pg.sandboxes.container(session.id, 'node1'))!;
    const ping = await execCapture(node1, ['ping', '-c', '1', '-W', '5', 'node2']);
    assert.equal(ping.exitCode, 0, ping.output);
    const node2 = (await pg.sandboxes.container(session.id, 'node2'))!;
    // The first host also answers to "docker", as the seed lessons expect.
    const alias = await execCapture(node2, ['ping', '-c', '1', '-W', '5', 'docker']);
    assert.equal(alias.exitCode, 0, alias.output);
    assert.equal((await execCapture(node2, ['hostname'])).output.trim(), 'node2');

    const removed = await api<SessionView>(
      pg.url,
      'DELETE',
      `/api/sessions/${session.id}/hosts/node2`,
      token,
    );
    assert.equal(removed.status, 200);
    assert.deepEqual(removed.body.hosts, ['node1']);
    assert.equal(await pg.sandboxes.container(session.id, 'node2'), null);
    const last = await api<{ error: string }>(
      pg.url,
      'DELETE',
      `/api/sessions/${session.id}/hosts/node1`,
      token,
    );
    assert.equal(last.status, 409);
    const unknown = await api(pg.url, 'DELETE', `/api/sessions/${session.id}/hosts/node9`, token);
    assert.equal(unknown.status, 404);
    const wrongToken = await api(pg.url, 'POST', `/api/sessions/${session.id}/hosts`, 'f'.repeat(32));
    assert.equal(wrongToken.status, 401);
  } finally {
    events.close();
    await api(pg.url, 'DELETE', `/api/sessions/${session.id}`, token);
  }
});

test('the events socket refuses a wrong token and closes when the session ends', async () => {
  const { session, token } = await readySession(pg.url);
  const stranger = await TestEvents.open(pg.url, session.id, 'f'.repeat(32));
  assert.equal((await closedWithin(stranger)).code, 4401);
  assert.equal(stranger.events.length, 0, 'a wrong token learns nothing');
  const events = await TestEvents.open(pg.url, session.id, token);
  await events.waitFor((e) => e.type === 'session' && e.session.state === 'ready');
  await api(pg.url, 'DELETE', `/api/sessions/${session.id}`, token);
  await events.waitFor((e) => e.type === 'session' && e.session.state === 'ended');
  assert.equal((await closedWithin(events)).code, 4410);
});

async function closedWithin(client: TestEvents, ms = 5000): Promise<{ code: number; reason: string }> {
  const deadline = Date.now() + ms;
  while (!client.closed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.ok(client.closed, 'the events socket closes');
  return client.closed;
}

test("a session's hosts reach each other with ssh and its key; another session's host does not let it in", async () => {
  const first = await readySession(pg.url);
  const other = await readySession(pg.url);
  try {
    const added = await api<SessionView>(
      pg.url,
      'POST',
      `/api/sessions/${first.session.id}/hosts`,
      first.token,
    );
    assert.equal(added.status, 201);
    await waitForSession(pg.url, first.session.id, first.token, (s) => s.hostStates.node2?.state === 'ready');
    const node1 = (await pg.sandboxes.container(first.session.id, 'node1'))!;
    const ssh = await execCapture(node1, [
      'ssh',
      '-o',
      'ConnectTimeout=10',
      '-o',
      'BatchMode=yes',
      'node2',
      'hostname',
    ]);
    assert.equal(ssh.exitCode, 0, ssh.output);
    assert.equal(ssh.output.trim(), 'node2');
    // Another session's key opens none of this session's hosts (it is on another network too:
    // here its key is tried against this session's node2 from inside this session's node1).
    const otherNode = (await pg.sandboxes.container(other.session.id, 'node1'))!;
    const otherKey = await execCapture(otherNode, ['cat', '/root/.ssh/id_ed25519']);
    assert.match(otherKey.output, /BEGIN OPENSSH PRIVATE KEY/);
    const withOtherKey = await execCapture(node1, [
      'sh',
      '-c',
      `umask 077; printf '%s' "$1" > /tmp/other-key; ssh -o ConnectTimeout=10 -o BatchMode=yes -o IdentitiesOnly=yes -i /tmp/other-key node2 true`,
      'sh',
      otherKey.output,
    ]);
    assert.notEqual(withOtherKey.exitCode, 0, "another session's key must not open this session's host");
    assert.match(withOtherKey.output, /Permission denied/);
    // Passwords are off: nothing but a session's key gets in.
    const config = await execCapture(node1, [
      'sh',
      '-c',
      'sshd -T 2>/dev/null | grep -i "^passwordauthentication"',
    ]);
    assert.match(config.output, /passwordauthentication no/i);
  } finally {
    for (const { session, token } of [first, other])
      await api(pg.url, 'DELETE', `/api/sessions/${session.id}`, token).catch(() => undefined);
  }
});

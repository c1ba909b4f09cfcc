// Sessions and their hosts, with a fake sandbox manager: naming, limits, a host that fails,
// observers and the events the page sees.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SessionEvent } from '../../common/events.js';
import { loadConfig } from '../../server/config.js';
import { PlaygroundError } from '../../server/errors.js';
import type { SandboxManager } from '../../server/sandboxes/manager.js';
import { SessionEventHub } from '../../server/sessions/event-hub.js';
import { SessionService } from '../../server/sessions/service.js';

class FakeSandboxes {
  created: string[] = [];
  destroyed: string[] = [];
  failHost: string | null = null;
  async create(_req: unknown, host: string) {
    await new Promise((r) => setTimeout(r, 5));
    if (host === this.failHost) throw new Error(`${host} could not start`);
    this.created.push(host);
    return {};
  }
  async destroyHost(_id: string, host: string) {
    this.destroyed.push(host);
  }
  async destroy() {
    this.destroyed.push('*');
  }
  async sweep() {
    return [];
  }
}

function setup(overrides: Partial<ReturnType<typeof loadConfig>> = {}) {
  const fake = new FakeSandboxes();
  const hub = new SessionEventHub();
  const config = { ...loadConfig({}), maxHostsPerSession: 3, maxSandboxes: 4, ...overrides };
  const service = new SessionService(fake as unknown as SandboxManager, config, hub);
  const seen: string[] = [];
  service.observe({
    hostReady: (_s, h) => seen.push(`ready ${h}`),
    hostRemoved: (_s, h) => seen.push(`removed ${h}`),
    sessionEnded: () => seen.push('ended'),
  });
  return { fake, hub, service, seen };
}

const status = (err: unknown) => (err instanceof PlaygroundError ? err.status : 0);

test('hosts are named node1, node2, ...; limits per session and per machine say so', async () => {
  const { service, seen } = setup();
  const { session, token } = service.create('1.1.1.1');
  assert.deepEqual(session.hosts, ['node1']);
  await service.whenReady(session.id, token);
  assert.deepEqual(service.addHost(session.id, token).hosts, ['node1', 'node2']);
  await service.whenReady(session.id, token, 'node2');
  assert.deepEqual(seen, ['ready node1', 'ready node2']);
  service.addHost(session.id, token);
  assert.throws(
    () => service.addHost(session.id, token),
    (e) => status(e) === 409,
  );
  // Three sandboxes are running; a lesson needing two more does not fit in four.
  assert.throws(
    () => service.create('2.2.2.2', { hosts: ['node1', 'node2'] }),
    (e) => status(e) === 503 && /PLAYGROUND_MAX_SANDBOXES/.test((e as Error).message),
  );
  assert.throws(
    () => service.addHost(session.id, 'wrong'),
    (e) => status(e) === 401,
  );
});

test('a removed host frees its name; the last host stays; ending tells the observers', async () => {
  const { service, fake, seen, hub } = setup();
  const { session, token } = service.create('1.1.1.1');
  const events: SessionEvent[] = [];
  hub.subscribe(session.id, (e) => events.push(e));
  service.addHost(session.id, token);
  await service.whenReady(session.id, token, 'node2');
  assert.deepEqual((await service.removeHost(session.id, token, 'node2')).hosts, ['node1']);
  assert.deepEqual(fake.destroyed, ['node2']);
  await assert.rejects(service.removeHost(session.id, token, 'node1'), (e) => status(e) === 409);
  await assert.rejects(service.removeHost(session.id, token, 'node7'), (e) => status(e) === 404);
  assert.deepEqual(service.addHost(session.id, token).hosts, ['node1', 'node2']);
  await service.end(session.id, token);
  assert.ok(seen.includes('removed node2'));
  assert.equal(seen.at(-1), 'ended');
  const last = events.at(-1);
  assert.equal(last?.type === 'session' && last.session.state, 'ended');
});

test('a host removed or a session ended while a host starts: no terminal gets it, nothing is said after the end', async () => {
  const { service, fake, hub } = setup();
  const { session, token } = service.create('1.1.1.1');
  await service.whenReady(session.id, token);
  service.addHost(session.id, token);
  const waiting = service.whenReady(session.id, token, 'node2');
  await service.removeHost(session.id, token, 'node2');
  await assert.rejects(waiting, (e) => status(e) === 410 && /node2 was removed/.test((e as Error).message));

  fake.failHost = 'node2';
  service.addHost(session.id, token);
  const events: SessionEvent[] = [];
  hub.subscribe(session.id, (e) => events.push(e));
  await service.end(session.id, token);
  const last = events.at(-1);
  assert.equal(last?.type === 'session' && last.session.state, 'ended', 'the end is the last word');
  assert.deepEqual(hub.snapshot(session.id), []);
});

test('an added host that fails is marked failed; the session stays ready', async () => {
  const { service, fake } = setup();
  const { session, token } = service.create('1.1.1.1');
  await service.whenReady(session.id, token);
  fake.failHost = 'node2';
  service.addHost(session.id, token);
  await assert.rejects(service.whenReady(session.id, token, 'node2'), /node2 could not start/);
  const view = service.authorize(session.id, token);
  assert.equal(view.state, 'ready');
  assert.equal(view.hostStates.node2?.state, 'failed');
  assert.match(view.hostStates.node2?.error ?? '', /could not start/);
});

test('a first host that fails fails the session, with the reason', async () => {
  const { service, fake } = setup();
  fake.failHost = 'node1';
  const { session, token } = service.create('1.1.1.1');
  await assert.rejects(service.whenReady(session.id, token), /could not start/);
  assert.equal(service.authorize(session.id, token).state, 'failed');
});

test('the session view carries the configured host and terminal limits, also in its events', async () => {
  const { service, hub } = setup(loadConfig({ PLAYGROUND_MAX_TERMINALS: '2', PLAYGROUND_MAX_HOSTS: '4' }));
  const { session, token } = service.create('1.1.1.1');
  assert.equal(session.maxTerminals, 2);
  assert.equal(session.maxHosts, 4);
  const events: SessionEvent[] = [];
  hub.subscribe(session.id, (e) => events.push(e));
  await service.whenReady(session.id, token);
  assert.equal(service.authorize(session.id, token).maxTerminals, 2);
  const sent = events.find((e) => e.type === 'session');
  assert.equal(sent?.type === 'session' ? sent.session.maxTerminals : undefined, 2);
});

test('a learner extends their session once, by the setting, and not after it ended', async () => {
  const { service } = setup({ sessionExtendMs: 30 * 60_000 });
  const { session, token } = service.create('1.1.1.1');
  await service.whenReady(session.id, token);
  const before = service.authorize(session.id, token);
  assert.equal(before.canExtend, true);
  assert.equal(before.extendMinutes, 30);
  const extended = service.extend(session.id, token);
  assert.equal(Date.parse(extended.expiresAt) - Date.parse(before.expiresAt), 30 * 60_000);
  assert.equal(extended.canExtend, undefined);
  assert.throws(
    () => service.extend(session.id, token),
    (e) => status(e) === 409 && (e as PlaygroundError).detail?.code === 'extend-once',
  );
  assert.throws(
    () => service.extend(session.id, 'wrong'),
    (e) => status(e) === 401,
  );
  await service.end(session.id, token);
  assert.throws(
    () => service.extend(session.id, token),
    (e) => status(e) === 404 || status(e) === 410,
  );

  const off = setup({ sessionExtendMs: 0 });
  const other = off.service.create('1.1.1.1');
  assert.equal(other.session.canExtend, undefined);
  assert.throws(
    () => off.service.extend(other.session.id, other.token),
    (e) => status(e) === 409 && (e as PlaygroundError).detail?.code === 'extend-off',
  );
  await off.service.end(other.session.id, other.token);
});

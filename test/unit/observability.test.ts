// Logs and metrics without an engine: JSON log lines keep secrets out, GET /metrics answers
// in Prometheus' text format through the HTTP server with fake parts, only the operator may
// read it, and the meters count where the work happens.
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import type { WebSocket } from 'ws';
import { loadConfig } from '../../server/config.js';
import { PlaygroundError } from '../../server/errors.js';
import { admit } from '../../server/http/access.js';
import { isOperator } from '../../server/http/operator.js';
import { refuseRequest, refuseSocket } from '../../server/http/refusal.js';
import { createPlaygroundServer, type PlaygroundServer, type ServerDeps } from '../../server/http/server.js';
import { rootLogger, scopedLogger } from '../../server/log.js';
import { networkPolicy } from '../../server/http/network-policy.js';
import { createPlaygroundMetrics, type GaugeSources } from '../../server/metrics/playground-metrics.js';
import type { SandboxManager } from '../../server/sandboxes/manager.js';
import { SessionEventHub } from '../../server/sessions/event-hub.js';
import { SessionService } from '../../server/sessions/service.js';
import { runChecks } from '../../server/validation/run-checks.js';
import { parseMetrics, sample, total } from '../support/metrics-text.js';

const OPERATOR_TOKEN = 'operator-token-0123456789';

const gauges: GaugeSources = {
  sessions: () => ({ starting: 1, ready: 2, failed: 0 }),
  sandboxes: () => ({ starting: 1, ready: 3, failed: 1 }),
  terminals: () => 4,
  sockets: () => ({ terminal: 3, events: 2 }),
};

let server: PlaygroundServer;
let base: string;

before(async () => {
  const deps = {
    metrics: createPlaygroundMetrics(gauges),
    operatorToken: OPERATOR_TOKEN,
    ports: { handleRequest: () => false, handleUpgrade: () => false },
    sessions: {
      authorize: () => {
        throw new PlaygroundError('Wrong session token.', 401);
      },
    },
    allowedOrigins: [],
    network: networkPolicy(loadConfig({})),
    workshops: { service: { authorizeTrainer: () => assert.fail('not a workshop endpoint') } },
    clientRoot: '/nonexistent',
  } as unknown as ServerDeps;
  server = createPlaygroundServer(deps);
  await new Promise<void>((resolve) => server.http.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.http.address() as AddressInfo).port}`;
});

after(() => server.close());

/** Captures what a logger writes, one parsed JSON object per line. */
function capturedLogger(scope: string) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { log: scopedLogger(rootLogger(sink), scope), lines };
}

test('a log line is one JSON object with time, level, scope, message and fields', () => {
  const { log, lines } = capturedLogger('sandboxes');
  log.info('plain message');
  log.warn({ sessionId: '0f3a9c2b71de', ms: 2870 }, 'sandbox node1 ready');
  assert.equal(lines.length, 2);
  const [plain, structured] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(
    { level: plain!.level, scope: plain!.scope, msg: plain!.msg },
    { level: 'info', scope: 'sandboxes', msg: 'plain message' },
  );
  assert.ok(!Number.isNaN(Date.parse(String(plain!.time))), 'an ISO time');
  assert.deepEqual(
    { level: structured!.level, sessionId: structured!.sessionId, ms: structured!.ms },
    { level: 'warn', sessionId: '0f3a9c2b71de', ms: 2870 },
  );
});

test('no token, key, cookie or ticket reaches a log line', () => {
  const { log, lines } = capturedLogger('http');
  log.error(
    {
      sessionId: 'visible-id',
      token: 'SECRET-token',
      key: 'SECRET-key',
      session: { token: 'SECRET-nested', ticket: 'SECRET-ticket' },
      req: {
        headers: {
          authorization: 'Bearer SECRET-header',
          cookie: 'pg_port=SECRET-cookie',
          'sec-websocket-protocol': 'playground.terminal.v1, playground.token.SECRET-subprotocol',
        },
      },
    },
    'refused: Authorization: Bearer SECRET-in-message',
  );
  assert.equal(lines.length, 1);
  assert.doesNotMatch(lines[0]!, /SECRET/);
  assert.match(lines[0]!, /visible-id/);
  assert.match(lines[0]!, /\[Redacted\]/);
});

test('GET /metrics answers in Prometheus text format with every metric of the playground', async () => {
  const res = await fetch(`${base}/metrics`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  const samples = parseMetrics(text);
  assert.equal(sample(samples, 'playground_sessions{state="ready"}'), 2);
  assert.equal(sample(samples, 'playground_sessions{state="starting"}'), 1);
  assert.equal(sample(samples, 'playground_sandboxes{state="failed"}'), 1);
  assert.equal(sample(samples, 'playground_terminals'), 4);
  assert.equal(sample(samples, 'playground_sockets{kind="terminal"}'), 3);
  assert.equal(sample(samples, 'playground_sockets{kind="events"}'), 2);
  for (const [name, type] of [
    ['playground_sandbox_start_seconds', 'histogram'],
    ['playground_validation_seconds', 'histogram'],
    ['playground_terminal_bytes_total', 'counter'],
    ['playground_errors_total', 'counter'],
    ['process_resident_memory_bytes', 'gauge'],
    ['nodejs_heap_size_used_bytes', 'gauge'],
  ])
    assert.match(text, new RegExp(`^# TYPE ${name} ${type}$`, 'm'), name);
  assert.ok(sample(samples, 'process_resident_memory_bytes') > 0);
});

test('GET /metrics is refused from elsewhere without the operator token', async () => {
  // A proxy on this machine connects from loopback on behalf of anyone: it counts as elsewhere.
  const proxied = { 'x-forwarded-for': '203.0.113.9' };
  const refused = await fetch(`${base}/metrics`, { headers: proxied });
  assert.equal(refused.status, 403);
  assert.doesNotMatch(await refused.text(), /playground_/);
  const wrong = await fetch(`${base}/metrics`, { headers: { ...proxied, authorization: 'Bearer guess' } });
  assert.equal(wrong.status, 403);
  const withToken = await fetch(`${base}/metrics`, {
    headers: { ...proxied, authorization: `Bearer ${OPERATOR_TOKEN}` },
  });
  assert.equal(withToken.status, 200);
  assert.match(await withToken.text(), /playground_sessions/);
});

test("a stranger's requests add no series to /metrics (labels are fixed sets, never paths or ids)", async () => {
  const seriesCount = async () => {
    const samples = parseMetrics(await (await fetch(`${base}/metrics`)).text());
    return [...samples.keys()].filter((series) => series.startsWith('playground_')).length;
  };
  const probe = (i: number) =>
    fetch(`${base}/api/sessions/${i.toString(16).padStart(12, '0')}?x=${i}`, {
      headers: { authorization: `Bearer guess-${i}` },
    });
  assert.equal((await probe(0)).status, 401);
  const first = await seriesCount();
  for (let i = 1; i <= 40; i++) await probe(i);
  for (let i = 1; i <= 10; i++) await fetch(`${base}/api/no-such-${i}`);
  await fetch(`${base}/api/no-such-0`); // the first 404: its series may appear once
  const settled = await seriesCount();
  for (let i = 11; i <= 40; i++) await fetch(`${base}/api/no-such-${i}`, { method: 'PATCH' });
  assert.equal(await seriesCount(), settled);
  assert.ok(settled <= first + 1, `${settled - first} new series`);
});

test('the operator is a caller on loopback or one with the token; the access check enforces it', () => {
  const from = (remoteAddress: string, headers: Record<string, string> = {}) =>
    ({ socket: { remoteAddress }, headers }) as unknown as IncomingMessage;
  for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])
    assert.equal(isOperator(from(address), undefined, undefined), true, address);
  for (const address of ['203.0.113.9', '10.0.0.2', '::ffff:192.168.1.5', 'fe80::1', '1127.0.0.1'])
    assert.equal(isOperator(from(address), undefined, undefined), false, address);
  assert.equal(isOperator(from('203.0.113.9'), OPERATOR_TOKEN, OPERATOR_TOKEN), true);
  assert.equal(isOperator(from('203.0.113.9'), 'nope', OPERATOR_TOKEN), false);
  assert.equal(isOperator(from('203.0.113.9'), undefined, undefined), false);
  assert.equal(isOperator(from('127.0.0.1', { forwarded: 'for=203.0.113.9' }), undefined, undefined), false);
  const sessions = { authorize: () => assert.fail('not a session endpoint') };
  assert.throws(
    () => admit('operator', [], undefined, sessions, { isOperator: () => false }),
    (err: unknown) => err instanceof PlaygroundError && err.status === 403,
  );
  // A caller that cannot tell who the operator is (the WebSocket upgrades) refuses.
  assert.throws(() => admit('operator', [], undefined, sessions), PlaygroundError);
  assert.doesNotThrow(() => admit('operator', [], undefined, sessions, { isOperator: () => true }));
});

test('a metrics token must be long enough not to be guessed', () => {
  assert.equal(loadConfig({}).metricsToken, undefined);
  assert.equal(loadConfig({ PLAYGROUND_METRICS_TOKEN: OPERATOR_TOKEN }).metricsToken, OPERATOR_TOKEN);
  assert.throws(() => loadConfig({ PLAYGROUND_METRICS_TOKEN: 'short' }), /at least 16 characters/);
});

test('refusals, logged warnings and validations are counted where they happen', async () => {
  const metrics = createPlaygroundMetrics(gauges); // a second playground in the process: no clash
  const read = async () => parseMetrics(await metrics.render());
  const before = await read();
  const res = { headersSent: false, writeHead: () => res, end: () => res } as unknown as ServerResponse;
  refuseRequest(res, new PlaygroundError('Wrong session token.', 401), 'GET /api/sessions/x');
  capturedLogger('ports').log.warn('cannot watch ports');
  const shell = { run: async () => ({ exitCode: 0, output: '{}\n' }) };
  await runChecks(shell, [{ type: 'network_exists', network: 'backend-network' }]);
  const after = await read();
  const delta = (series: string) => sample(after, series) - sample(before, series);
  assert.equal(delta('playground_errors_total{kind="http_401"}'), 1);
  assert.equal(delta('playground_errors_total{kind="warn_ports"}'), 1);
  assert.equal(
    total(after, 'playground_validation_seconds_count') -
      total(before, 'playground_validation_seconds_count'),
    1,
  );
});

test('the gauges count sessions and sandboxes by state, and events sockets by listener', async () => {
  const failing = {
    create: async (_req: unknown, host: string) => {
      if (host === 'node2') throw new Error('node2 could not start');
      return {};
    },
    destroy: async () => undefined,
    destroyHost: async () => undefined,
    sweep: async () => [],
  };
  const config = { ...loadConfig({}), maxHostsPerSession: 3 };
  const service = new SessionService(failing as unknown as SandboxManager, config);
  const one = service.create('1.1.1.1');
  const two = service.create('2.2.2.2', { hosts: ['node1', 'node2'] });
  assert.deepEqual(service.census().sessions, { starting: 2, ready: 0, failed: 0 });
  await service.whenReady(one.session.id, one.token);
  await service.whenReady(two.session.id, two.token).catch(() => undefined);
  assert.deepEqual(service.census(), {
    sessions: { starting: 0, ready: 1, failed: 1 },
    sandboxes: { starting: 0, ready: 2, failed: 1 },
  });
  const hub = new SessionEventHub();
  const stops = [hub.subscribe('a', () => {}), hub.subscribe('a', () => {}), hub.subscribe('b', () => {})];
  assert.equal(hub.listenerCount, 3);
  stops.forEach((stop) => stop());
  assert.equal(hub.listenerCount, 0);
});

test('a refused WebSocket is counted by its status', async () => {
  const metrics = createPlaygroundMetrics(gauges);
  const read = async () =>
    sample(parseMetrics(await metrics.render()), 'playground_errors_total{kind="socket_401"}');
  const before = await read();
  const ws = { close: () => undefined } as unknown as WebSocket;
  refuseSocket(ws, new PlaygroundError('Wrong session token.', 401));
  assert.equal((await read()) - before, 1);
});

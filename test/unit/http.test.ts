import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { test } from 'node:test';
import type { WebSocket } from 'ws';
import { EVENTS_SUBPROTOCOL } from '../../common/events.js';
import { CloseCode, TERMINAL_SUBPROTOCOL } from '../../common/protocol.js';
import { CLASS_SUBPROTOCOL } from '../../common/workshop-live.js';
import { originAllowed } from '../../server/http/origin.js';
import { refuseSocket } from '../../server/http/refusal.js';
import { ROUTES } from '../../server/http/routes.js';
import { UPGRADES } from '../../server/http/upgrades.js';
import { PlaygroundError } from '../../server/errors.js';
import { explainEngineError } from '../../server/sandboxes/engine-errors.js';
import { loadConfig } from '../../server/config.js';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

test("the page's own origin and listed origins may open terminals; others may not", () => {
  assert.equal(originAllowed(req({ host: 'localhost:8080', origin: 'http://localhost:8080' }), []), true);
  assert.equal(originAllowed(req({ host: 'localhost:8080', origin: 'http://evil.example' }), []), false);
  assert.equal(
    originAllowed(req({ host: 'a:1', origin: 'https://lab.example' }), ['https://lab.example']),
    true,
  );
  assert.equal(originAllowed(req({ host: 'a:1', origin: 'null' }), []), false);
});

test('engine failures become messages that name the fix', () => {
  const down = explainEngineError(Object.assign(new Error('connect ENOENT'), { code: 'ENOENT' }));
  assert.equal(down.status, 503);
  assert.match(down.message, /not reachable/);
  const noImage = explainEngineError(Object.assign(new Error('No such image: x'), { statusCode: 404 }), {
    image: 'x',
  });
  assert.match(noImage.message, /npm run setup/);
  const pools = explainEngineError(
    new Error('could not find an available, non-overlapping IPv4 address pool'),
  );
  assert.match(pools.message, /default-address-pools/);
  assert.equal(explainEngineError(new Error('write: no space left on device')).status, 507);
  const mine = new PlaygroundError('mine', 418);
  assert.equal(explainEngineError(mine), mine);
});

test('configuration has safe defaults and rejects nonsense', () => {
  const config = loadConfig({});
  assert.equal(config.host, '127.0.0.1');
  assert.equal(config.runtime, 'runc');
  assert.ok(config.limits.memoryBytes > 0 && config.limits.pids > 0);
  assert.equal(loadConfig({ PLAYGROUND_SANDBOX_CPUS: '1.5' }).limits.cpus, 1.5);
  assert.throws(() => loadConfig({ PLAYGROUND_PORT: 'eighty' }), /PLAYGROUND_PORT must be a positive number/);
});

test('configuration covers the mirror, the engine and sandbox start-up', () => {
  const defaults = loadConfig({});
  assert.equal(defaults.mirrorUpstream, undefined);
  assert.equal(defaults.dockerHost, undefined);
  assert.equal(defaults.sandboxReadyTimeoutMs, 60_000);
  const config = loadConfig({
    PLAYGROUND_MIRROR_UPSTREAM: 'https://registry-1.docker.io',
    PLAYGROUND_MIRROR_UPSTREAM_USERNAME: 'learner',
    PLAYGROUND_MIRROR_UPSTREAM_PASSWORD: 'secret',
    PLAYGROUND_SANDBOX_READY_SECONDS: '90',
    DOCKER_HOST: 'tcp://engine:2376',
  });
  assert.equal(config.mirrorUpstream, 'https://registry-1.docker.io');
  assert.equal(config.mirrorUpstreamUsername, 'learner');
  assert.equal(config.mirrorUpstreamPassword, 'secret');
  assert.equal(config.sandboxReadyTimeoutMs, 90_000);
  assert.equal(config.dockerHost, 'tcp://engine:2376');
});

test('every variable the configuration reads is in the README', () => {
  const source = readFileSync(new URL('../../server/config.ts', import.meta.url), 'utf8');
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const read = new Set([...source.matchAll(/\b(PLAYGROUND_[A-Z_]+|DOCKER_HOST)\b/g)].map((m) => m[1]!));
  for (const name of read) assert.ok(readme.includes(`\`${name}\``), `${name} is missing from the README`);
});

test("every route and upgrade of one session is its token holder's alone, a workshop's trainer routes its key holder's, a demo its seats'", () => {
  const endpoints = [
    ...ROUTES.map((r) => ({ name: `${r.method} ${r.pattern}`, ...r })),
    ...UPGRADES.map((u) => ({ name: `upgrade ${u.pattern}`, ...u })),
  ];
  for (const endpoint of endpoints) {
    const { source } = endpoint.pattern;
    const perSession = source.startsWith('^\\/api\\/sessions\\/(');
    const perWorkshop = source.startsWith('^\\/api\\/workshops\\/(');
    // Anyone may read a workshop's card and join it; its seats follow the demo; the rest is the trainer's.
    const afterCode = source.slice(source.indexOf(')') + 1);
    const publicWorkshop = perWorkshop && ['$', '\\/join$'].includes(afterCode);
    const perSeat = perWorkshop && source.includes('\\/demo\\/');
    const operators = source === '^\\/metrics$';
    const expected = perSession
      ? 'session-token'
      : perSeat
        ? 'seat-token'
        : perWorkshop && !publicWorkshop
          ? 'trainer-key'
          : operators
            ? 'operator'
            : 'public';
    assert.equal(endpoint.access, expected, endpoint.name);
  }
  assert.equal(ROUTES.filter((r) => r.access === 'trainer-key').length, 9);
  assert.deepEqual(
    UPGRADES.map((u) => [u.protocol, u.access]),
    [
      [TERMINAL_SUBPROTOCOL, 'session-token'],
      [EVENTS_SUBPROTOCOL, 'session-token'],
      [TERMINAL_SUBPROTOCOL, 'trainer-key'],
      [TERMINAL_SUBPROTOCOL, 'seat-token'],
      [CLASS_SUBPROTOCOL, 'trainer-key'],
    ],
  );
});

test('a refused socket closes with the code that mirrors the status', () => {
  const closed: [number, string][] = [];
  const ws = { close: (code: number, reason: string) => closed.push([code, reason]) } as unknown as WebSocket;
  for (const status of [400, 401, 403, 404, 410])
    refuseSocket(ws, new PlaygroundError(`status ${status}`, status));
  assert.deepEqual(
    closed.map(([code]) => code),
    [
      CloseCode.BadMessage,
      CloseCode.BadToken,
      CloseCode.ForeignOrigin,
      CloseCode.UnknownSession,
      CloseCode.UnknownSession,
    ],
  );
  assert.throws(() => refuseSocket(ws, new Error('a bug')), /a bug/);
});

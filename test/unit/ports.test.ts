// Published ports: the port-origin scheme, tickets and cookies, parsing the inner daemon's
// answers, the watcher (fake sandbox), and the proxy (real loopback HTTP servers, no engine).
import assert from 'node:assert/strict';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import {
  DEFAULT_PORTS_BASE,
  parsePortHost,
  parsePortsBase,
  portLabel,
  portOrigin,
} from '../../server/ports/addressing.js';
import {
  PortCredentials,
  proxyCookieHeader,
  splitCookies,
  PROXY_COOKIE,
} from '../../server/ports/credentials.js';
import { changesPorts, parseInspectLines } from '../../server/ports/inner-ports.js';
import { watchPorts, type ListResult } from '../../server/ports/port-watcher.js';
import { PortTable } from '../../server/ports/port-table.js';
import { createPortProxy } from '../../server/ports/proxy.js';
import type { PortService } from '../../server/ports/index.js';
import { SessionPorts } from '../../server/ports/session-ports.js';
import type { SandboxManager } from '../../server/sandboxes/manager.js';
import { SessionEventHub } from '../../server/sessions/event-hub.js';
import { requestWithHost } from '../support/host-request.js';
import type { EventHandlers, SubscribeEvents } from '../../server/validation/events.js';

const SID = '0f3a9c2b71de';
const OTHER = 'aaaaaaaaaaaa';

test('a port label names host, port and session, and parses back from a Host header', () => {
  const address = { sessionId: SID, host: 'node-2', port: 5000 };
  assert.equal(portLabel(address), `node-2-5000-${SID}`);
  assert.equal(portOrigin(DEFAULT_PORTS_BASE, 8080, address), `http://node-2-5000-${SID}.localhost:8080`);
  assert.deepEqual(parsePortHost(`node-2-5000-${SID}.localhost:8080`, DEFAULT_PORTS_BASE), address);
  assert.deepEqual(parsePortHost(`DOCKER-3000-${SID}.LOCALHOST.`, DEFAULT_PORTS_BASE), {
    sessionId: SID,
    host: 'docker',
    port: 3000,
  });
});

test('hosts that are not port origins are left to the playground', () => {
  for (const host of [
    undefined,
    '127.0.0.1:8080',
    'localhost:8080',
    `docker-5000-${SID}.example.org`,
    `docker-5000-${SID}.localhost.evil.org`,
    `docker-05000-${SID}.localhost`,
    `docker-70000-${SID}.localhost`,
    `docker-5000-${SID}x.localhost`,
    `a.docker-5000-${SID}.localhost`,
    `-5000-${SID}.localhost`,
  ]) {
    assert.equal(parsePortHost(host, DEFAULT_PORTS_BASE), null, String(host));
  }
  assert.throws(() => portLabel({ sessionId: 'XYZ', host: 'docker', port: 1 }), /session id/);
  assert.throws(() => portLabel({ sessionId: SID, host: 'a.b', port: 1 }), /host name/);
  assert.throws(() => portLabel({ sessionId: SID, host: 'docker', port: 0 }), /port/);
});

test('PLAYGROUND_PORTS_BASE takes a domain or an origin, and says what is wrong', () => {
  assert.deepEqual(parsePortsBase(undefined), DEFAULT_PORTS_BASE);
  assert.deepEqual(parsePortsBase('apps.example.org'), { scheme: 'http', domain: 'apps.example.org' });
  const https = parsePortsBase('https://apps.example.org');
  assert.deepEqual(https, { scheme: 'https', domain: 'apps.example.org', port: 443 });
  assert.equal(
    portOrigin(https, 8080, { sessionId: SID, host: 'docker', port: 80 }),
    `https://docker-80-${SID}.apps.example.org`,
  );
  assert.deepEqual(parsePortsBase('http://localhost:9000'), {
    scheme: 'http',
    domain: 'localhost',
    port: 9000,
  });
  assert.throws(() => parsePortsBase('ftp://x.org'), /PLAYGROUND_PORTS_BASE/);
  assert.throws(() => parsePortsBase('https://x.org/path'), /no path/);
  assert.throws(() => parsePortsBase('x.org:9000'), /with its scheme/);
});

test('a ticket opens once, for its own port, within a minute', () => {
  let now = 1_000_000;
  const creds = new PortCredentials(Buffer.alloc(32, 1), () => now);
  const address = { sessionId: SID, host: 'docker', port: 5000 };
  const t1 = creds.issueTicket(address);
  assert.equal(creds.redeemTicket(t1, { ...address, port: 5001 }), false, 'another port');
  assert.equal(creds.redeemTicket(t1, address), false, 'a refused try spends the ticket too');
  const t2 = creds.issueTicket(address);
  assert.equal(creds.redeemTicket(t2, address), true);
  assert.equal(creds.redeemTicket(t2, address), false, 'second use');
  const t3 = creds.issueTicket(address);
  now += 61_000;
  assert.equal(creds.redeemTicket(t3, address), false, 'expired');
  assert.equal(creds.redeemTicket('made-up', address), false);
});

test('a cookie opens exactly its session, host and port until it expires', () => {
  let now = 1_000_000;
  const creds = new PortCredentials(Buffer.alloc(32, 1), () => now);
  const address = { sessionId: SID, host: 'docker', port: 5000 };
  const value = creds.cookieValue(address);
  assert.equal(creds.cookieOpens(value, address), true);
  assert.equal(creds.cookieOpens(value, { ...address, sessionId: OTHER }), false);
  assert.equal(creds.cookieOpens(value, { ...address, host: 'node2' }), false);
  assert.equal(creds.cookieOpens(value, { ...address, port: 5001 }), false);
  assert.equal(
    new PortCredentials(Buffer.alloc(32, 2), () => now).cookieOpens(value, address),
    false,
    'other secret',
  );
  const [expiry, mac] = value.split('.');
  const later = (parseInt(expiry!, 36) + 3600).toString(36);
  assert.equal(creds.cookieOpens(`${later}.${mac}`, address), false, 'a stretched expiry breaks the MAC');
  for (const junk of ['', '.', 'x', `${value}.x`, `${expiry}.`])
    assert.equal(creds.cookieOpens(junk, address), false, junk);
  now += 13 * 3600_000;
  assert.equal(creds.cookieOpens(value, address), false, 'expired');
});

test('the proxy cookie is HttpOnly, SameSite=Lax and host-only, and never reaches the app', () => {
  const header = proxyCookieHeader('v', false);
  assert.match(header, /HttpOnly/);
  assert.match(header, /SameSite=Lax/);
  assert.doesNotMatch(header, /Domain=/i);
  assert.doesNotMatch(header, /Secure/);
  assert.match(proxyCookieHeader('v', true), /; Secure$/);
  assert.deepEqual(splitCookies(`a=1; ${PROXY_COOKIE}=x.y; b=2; ${PROXY_COOKIE}=z`), {
    proxy: ['x.y', 'z'],
    rest: 'a=1; b=2',
  });
  assert.deepEqual(splitCookies(`${PROXY_COOKIE}=x`), { proxy: ['x'], rest: undefined });
  assert.deepEqual(splitCookies(undefined), { proxy: [], rest: undefined });
});

const line = (name: string, ports: unknown, running = true) =>
  JSON.stringify({ name: `/${name}`, running, ports });

test('published ports are read from the inner docker inspect, once per port, reachable ones only', () => {
  const output = [
    line('web', {
      '80/tcp': [
        { HostIp: '0.0.0.0', HostPort: '5000' },
        { HostIp: '::', HostPort: '5000' },
      ],
    }),
    line('redis', { '6379/tcp': null }),
    line('local', { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '7000' }] }),
    line('own-ip', { '80/tcp': [{ HostIp: '10.96.0.2', HostPort: '7001' }] }),
    line('dns', { '53/udp': [{ HostIp: '0.0.0.0', HostPort: '53' }] }),
    line('counter', { '3000/tcp': [{ HostIp: '', HostPort: '3000' }], '9/tcp': [{ HostPort: 'x' }] }),
    line('stopped', { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8000' }] }, false),
    'Error: No such object: 4f2a',
    '{not json',
  ].join('\n');
  assert.deepEqual(parseInspectLines(output, '10.96.0.2'), [
    { port: 3000, container: 'counter' },
    { port: 5000, container: 'web' },
    { port: 7001, container: 'own-ip' },
  ]);
  assert.deepEqual(parseInspectLines(''), []);
});

test('container starts, deaths and removals change ports; other events do not', () => {
  assert.equal(changesPorts({ Type: 'container', Action: 'start' }), true);
  assert.equal(changesPorts({ Type: 'container', Action: 'die' }), true);
  assert.equal(changesPorts({ Type: 'container', Action: 'destroy' }), true);
  assert.equal(changesPorts({ Type: 'container', Action: 'exec_start: sh' }), false);
  assert.equal(changesPorts({ Type: 'network', Action: 'connect' }), false);
});

/** A sandbox whose containers the test sets, and an event stream it drives by hand. */
class FakeSandbox {
  output = '';
  exitCode: number | null = 0;
  lists = 0;
  handlers: EventHandlers | null = null;
  stops = 0;
  readonly list = async (): Promise<ListResult> => {
    this.lists++;
    await new Promise((r) => setTimeout(r, 5));
    return { exitCode: this.exitCode, output: this.output };
  };
  readonly subscribe: SubscribeEvents = async (handlers) => {
    this.handlers = handlers;
    return { stop: async () => void this.stops++ };
  };
  emit(Action: string) {
    this.handlers!.onEvent({ Type: 'container', Action, Actor: { ID: 'x' }, time: 0 });
  }
}

function collector() {
  const calls: { host: string; ports: number[] }[] = [];
  let wake: (() => void) | null = null;
  return {
    calls,
    onChange: (host: string, ports: { port: number }[]) => {
      calls.push({ host, ports: ports.map((p) => p.port) });
      wake?.();
    },
    /** Resolves when the n-th call has come (bounded). */
    until: (n: number) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${calls.length} calls`)), 2_000);
        const check = () => {
          if (calls.length >= n) {
            clearTimeout(timer);
            resolve();
          }
        };
        wake = check;
        check();
      }),
  };
}

test('the watcher reports the first list, then each change after events, and nothing after stop', async () => {
  const sandbox = new FakeSandbox();
  const seen = collector();
  const watcher = await watchPorts({
    host: 'docker',
    list: sandbox.list,
    subscribe: sandbox.subscribe,
    onChange: seen.onChange,
  });
  assert.deepEqual(seen.calls, [{ host: 'docker', ports: [] }], 'an empty first list is reported too');

  sandbox.output = line('web', { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '5000' }] });
  sandbox.emit('start');
  await seen.until(2);
  assert.deepEqual(seen.calls[1], { host: 'docker', ports: [5000] });

  // A burst while a listing runs makes one more listing, not one per event.
  const before = sandbox.lists;
  sandbox.emit('exec_start');
  sandbox.emit('start');
  sandbox.emit('start');
  sandbox.emit('start');
  await watcher.refresh();
  assert.ok(sandbox.lists - before <= 2, `${sandbox.lists - before} listings`);
  assert.equal(seen.calls.length, 2, 'an unchanged list is not reported again');

  sandbox.exitCode = 3;
  sandbox.output = '';
  sandbox.emit('die');
  await watcher.refresh();
  assert.equal(seen.calls.length, 2, 'a daemon that does not answer does not empty the list');

  sandbox.exitCode = 0;
  sandbox.emit('die');
  await seen.until(3);
  assert.deepEqual(seen.calls[2], { host: 'docker', ports: [] });

  await watcher.stop();
  assert.equal(sandbox.stops, 1);
  sandbox.output = line('web', { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '5000' }] });
  sandbox.emit('start');
  await watcher.refresh();
  assert.equal(seen.calls.length, 3);
});

test('a broken event stream empties the list and is subscribed again', async () => {
  const sandbox = new FakeSandbox();
  sandbox.output = line('web', { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '5000' }] });
  const seen = collector();
  const problems: string[] = [];
  const watcher = await watchPorts({
    host: 'docker',
    list: sandbox.list,
    subscribe: sandbox.subscribe,
    onChange: seen.onChange,
    onProblem: (r) => problems.push(r),
  });
  const first = sandbox.handlers;
  first!.onEnd('the event stream ended');
  assert.deepEqual(
    seen.calls.map((c) => c.ports),
    [[5000], []],
  );
  assert.deepEqual(problems, ['the event stream ended']);
  await seen.until(3); // resubscribed after a second, then listed again
  assert.notEqual(sandbox.handlers, first);
  assert.deepEqual(seen.calls[2]!.ports, [5000]);
  await watcher.stop();
});

// The proxy, against a real app on loopback standing in for a sandbox.
const app = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain', 'x-app': 'yes', 'set-cookie': 'app=1' });
  res.end(
    JSON.stringify({
      url: req.url,
      cookie: req.headers.cookie ?? null,
      authorization: req.headers.authorization ?? null,
      host: req.headers.host,
    }),
  );
});
app.on('upgrade', (_req, socket, head) => {
  socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n');
  socket.write(head);
  socket.pipe(socket);
});
const table = new PortTable();
const creds = new PortCredentials();
const proxy = createPortProxy({
  base: DEFAULT_PORTS_BASE,
  table,
  credentials: creds,
  isSessionToken: (sessionId, token) => sessionId === SID && token === 'session-token',
});
const front = http.createServer((req, res) => {
  if (!proxy.handleRequest(req, res)) res.end('playground');
});
front.on('upgrade', (req, socket, head) => {
  if (!proxy.handleUpgrade(req, socket, head)) socket.destroy();
});
after(() => {
  proxy.close();
  app.close();
  front.close();
});

async function listening(server: http.Server): Promise<number> {
  if (!server.listening) await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

async function request(hostHeader: string, path: string, headers: Record<string, string> = {}) {
  return requestWithHost(await listening(front), hostHeader, path, headers);
}

test('the proxy: ticket to cookie, then the app with its own headers and without the playground credentials', async () => {
  const appPort = await listening(app);
  const address = { sessionId: SID, host: 'docker', port: 5000 };
  table.set(SID, 'docker', '127.0.0.1', []);
  const origin = `docker-5000-${SID}.localhost`;

  assert.equal((await request('127.0.0.1', '/')).body, 'playground', 'other hosts are not the proxy’s');
  const anonymous = await request(origin, '/');
  assert.equal(anonymous.status, 401);
  assert.match(anonymous.body, /playground page/);
  assert.equal((await request(origin, '/.playground-ticket/made-up')).status, 403);

  const redeemed = await request(origin, `/.playground-ticket/${creds.issueTicket(address)}`);
  assert.equal(redeemed.status, 303);
  assert.equal(redeemed.headers.location, '/');
  const cookie = redeemed.headers['set-cookie']![0]!.split(';')[0]!;

  assert.equal((await request(origin, '/', { cookie })).status, 404, 'not published yet');
  // The stand-in sandbox is 127.0.0.1, where the app listens on a free port.
  table.set(SID, 'docker', '127.0.0.1', [{ port: appPort, container: 'web' }]);
  const appOrigin = `docker-${appPort}-${SID}.localhost`;
  const appCookie = `${PROXY_COOKIE}=${creds.cookieValue({ ...address, port: appPort })}`;
  const ok = await request(appOrigin, '/x?y=1', {
    cookie: `${appCookie}; mine=2`,
    authorization: 'Bearer session-token',
  });
  assert.equal(ok.status, 200);
  assert.equal(ok.headers['x-app'], 'yes');
  assert.deepEqual(ok.headers['set-cookie'], ['app=1']);
  assert.equal(ok.headers['content-security-policy'], undefined, 'the playground’s CSP is not imposed');
  assert.deepEqual(JSON.parse(ok.body), {
    url: '/x?y=1',
    cookie: 'mine=2',
    authorization: null,
    host: appOrigin,
  });
  const ownAuth = await request(appOrigin, '/', { cookie: appCookie, authorization: 'Bearer app-own' });
  assert.equal(JSON.parse(ownAuth.body).authorization, 'Bearer app-own', 'the app’s own credentials pass');

  // Another session's cookie, or this cookie on another port, is refused.
  const foreign = `${PROXY_COOKIE}=${creds.cookieValue({ ...address, sessionId: OTHER, port: appPort })}`;
  assert.equal((await request(appOrigin, '/', { cookie: foreign })).status, 403);
  assert.equal((await request(origin, '/', { cookie: appCookie })).status, 403);

  table.remove(SID, 'docker');
  const gone = await request(appOrigin, '/', { cookie: appCookie });
  assert.equal(gone.status, 502);
  assert.match(gone.body, /session has ended/);
});

test('a published port where nothing listens yet: a 502 page that loads itself again', async () => {
  // A port that was free a moment ago: connecting to it is refused.
  const closed = http.createServer();
  const port = await listening(closed);
  await new Promise((r) => closed.close(r));
  table.set(SID, 'docker', '127.0.0.1', [{ port, container: 'web' }]);
  const cookie = `${PROXY_COOKIE}=${creds.cookieValue({ sessionId: SID, host: 'docker', port })}`;
  const answer = await request(`docker-${port}-${SID}.localhost`, '/', { cookie });
  table.remove(SID, 'docker');
  assert.equal(answer.status, 502);
  assert.match(answer.body, /nothing answered there \(ECONNREFUSED\)/);
  assert.match(answer.body, /<meta http-equiv="refresh" content="2">/);
  assert.match(answer.body, /tries again every 2 s/);
  assert.equal(answer.headers['retry-after'], '2');
});

test('the proxy passes upgrades byte for byte, and refuses them without a cookie', async () => {
  const appPort = await listening(app);
  const frontPort = await listening(front);
  table.set(SID, 'docker', '127.0.0.1', [{ port: appPort, container: 'echo' }]);
  const hostHeader = `docker-${appPort}-${SID}.localhost`;
  const cookie = `${PROXY_COOKIE}=${creds.cookieValue({ sessionId: SID, host: 'docker', port: appPort })}`;
  const talk = (withCookie: boolean) =>
    new Promise<string>((resolve, reject) => {
      const socket = net.connect(frontPort, '127.0.0.1');
      let got = '';
      socket.on('data', (c) => {
        got += c.toString('latin1');
        if (got.includes('\r\n\r\n') && !got.includes('101')) resolve(got);
        if (got.endsWith('\x00\xffbytes')) {
          socket.destroy();
          resolve(got);
        }
      });
      socket.on('error', reject);
      socket.on('close', () => resolve(got));
      socket.write(
        `GET /ws HTTP/1.1\r\nHost: ${hostHeader}\r\nConnection: Upgrade\r\nUpgrade: echo\r\n` +
          (withCookie ? `Cookie: ${cookie}\r\n` : '') +
          '\r\n',
      );
      socket.write(Buffer.from('\x00\xffbytes', 'latin1'));
    });
  const echoed = await talk(true);
  assert.match(echoed, /^HTTP\/1.1 101/);
  assert.ok(echoed.endsWith('\x00\xffbytes'));
  assert.match(await talk(false), /^HTTP\/1.1 401/);
  table.remove(SID, 'docker');
});

test('a host watch still starting when its session ends is disposed once it exists', async () => {
  let finishWatch!: () => void;
  const started = new Promise<void>((resolve) => (finishWatch = resolve));
  let disposed = 0;
  const ports = {
    watchHost: async () => {
      await started;
      return { dispose: async () => void disposed++ };
    },
  } as unknown as PortService;
  const sandboxes = { container: async () => ({}) } as unknown as SandboxManager;
  const watching = new SessionPorts(ports, sandboxes, new SessionEventHub());
  watching.hostReady(SID, 'node1');
  watching.sessionEnded(SID);
  finishWatch();
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(disposed, 1);
});

test('a host whose sandbox cannot be looked up shows no ports and fails nothing', async () => {
  const ports = { watchHost: async () => assert.fail('no container, no watch') } as unknown as PortService;
  const sandboxes = {
    container: async () => {
      throw new Error('engine gone');
    },
  } as unknown as SandboxManager;
  const watching = new SessionPorts(ports, sandboxes, new SessionEventHub());
  watching.hostReady(SID, 'node1');
  watching.hostRemoved(SID, 'node1');
  watching.hostReady(OTHER, 'node1');
  watching.sessionEnded(OTHER);
  await new Promise((resolve) => setImmediate(resolve));
});

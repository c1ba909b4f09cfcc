// Published ports on a real sandbox: the watcher sees `docker run -p` from the daemon's events,
// and the proxy opens the app (HTTP and WebSocket) only with a cookie made from a ticket of
// the owning session. The proxy runs in a small front server here, as the playground runs it.
import assert from 'node:assert/strict';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type Docker from 'dockerode';
import WebSocket from 'ws';
import type { PublishedPort } from '../../common/events.js';
import type { RunningPlayground } from '../../server/app.js';
import { PortService, type Disposable } from '../../server/ports/index.js';
import { execCapture } from '../../server/engine/exec.js';
import { requestWithHost, type HostAnswer } from '../support/host-request.js';
import { api, readySession, startTestPlayground } from '../support/playground.js';

interface Learner {
  id: string;
  /** The session's first host. */
  host: string;
  token: string;
  sandbox: Docker.Container;
  /** Every list the watcher reported, newest last. */
  lists: PublishedPort[][];
  watch?: Disposable;
}

let pg: RunningPlayground;
let ports: PortService;
let front: http.Server;
let frontPort: number;
let a: Learner;
let b: Learner;

async function learner(): Promise<Learner> {
  const created = await readySession(pg.url);
  const sandbox = (await pg.sandboxes.container(created.session.id, created.session.hosts[0]))!;
  return {
    id: created.session.id,
    host: created.session.hosts[0]!,
    token: created.token,
    sandbox,
    lists: [],
  };
}

async function sh(who: Learner, script: string): Promise<string> {
  const { exitCode, output } = await execCapture(who.sandbox, ['sh', '-c', script]);
  assert.equal(exitCode, 0, `script failed:\n${script}\n--- output ---\n${output}`);
  return output;
}

/** Waits (bounded) until the watcher's latest list satisfies `ok`. */
async function listWhere(
  who: Learner,
  ok: (ports: number[]) => boolean,
  what: string,
): Promise<PublishedPort[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const latest = who.lists.at(-1) ?? [];
    if (ok(latest.map((p) => p.port))) return latest;
    if (Date.now() > deadline)
      assert.fail(`the watcher never reported ${what}; last: ${JSON.stringify(latest)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits (bounded) until the watcher reports `port`, and returns its entry. */
async function published(who: Learner, port: number): Promise<PublishedPort> {
  const list = await listWhere(who, (p) => p.includes(port), `port ${port}`);
  return list.find((p) => p.port === port)!;
}

/** A request to the front server as a browser sends it to a port origin (Host names the origin). */
function get(url: string, cookie?: string): Promise<HostAnswer> {
  const { host, pathname, search } = new URL(url);
  return requestWithHost(frontPort, host, pathname + search, cookie ? { cookie } : {});
}

/** Trades a ticket for the port's cookie, as the browser does when it opens the ticket URL. */
async function signIn(who: Learner, port: number): Promise<string> {
  const { url } = ports.ticket(who.id, who.host, port);
  const answer = await get(url);
  assert.equal(answer.status, 303);
  assert.equal(answer.headers.location, '/');
  const cookie = answer.headers['set-cookie']?.[0];
  assert.match(cookie ?? '', /HttpOnly; SameSite=Lax/);
  return cookie!.split(';')[0]!;
}

/** A freshly started app may need a moment to listen: retries 502 answers (bounded). */
async function getOnceListening(url: string, cookie: string): Promise<HostAnswer> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const answer = await get(url, cookie);
    if (answer.status !== 502 || Date.now() > deadline) return answer;
    await new Promise((r) => setTimeout(r, 200));
  }
}

const watchInto = async (who: Learner) => {
  who.watch = await ports.watchHost({
    sessionId: who.id,
    host: who.host,
    container: who.sandbox,
    onChange: (_host, list) => who.lists.push(list),
  });
};

before(async () => {
  pg = await startTestPlayground();
  [a, b] = [await learner(), await learner()];
  front = http.createServer((req, res) => {
    if (!ports.handleRequest(req, res)) res.writeHead(404).end('the playground itself');
  });
  front.on('upgrade', (req, socket, head) => {
    if (!ports.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
  frontPort = (front.address() as AddressInfo).port;
  ports = new PortService({ listeningPort: () => frontPort });
  await watchInto(a);
  await watchInto(b);
});

after(async () => {
  await ports?.close();
  front?.close();
  for (const who of [a, b]) if (who) await api(pg.url, 'DELETE', `/api/sessions/${who.id}`, who.token);
  await pg?.close();
});

test('a new host reports its (empty) list at once', () => {
  assert.deepEqual(a.lists, [[]]);
});

test('the counter app on 3000: reported from the events, opened with a ticket-made cookie only', async () => {
  await sh(a, 'docker run -d --name redis redis:alpine');
  await sh(
    a,
    'docker run -d --name counter -p 3000:3000 --link redis:redis katacoda/redis-node-docker-example',
  );
  const started = Date.now(); // docker run -d returns once the container has started
  const port = await published(a, 3000);
  console.log(`# port 3000 reported ${Date.now() - started} ms after docker run -d returned`);
  assert.equal(port.container, 'counter');
  assert.equal(port.url, `http://${a.host}-3000-${a.id}.localhost:${frontPort}/`);

  const anonymous = await get(port.url);
  assert.equal(anonymous.status, 401);
  assert.match(anonymous.body, /playground page/);

  const cookie = await signIn(a, 3000);
  const first = await getOnceListening(port.url, cookie);
  assert.equal(first.status, 200, first.body);
  assert.match(first.body, /This page was viewed \d+ times!/);

  // The other learner's own cookie (a real one, for their own port 3000) opens nothing here.
  await sh(
    b,
    "docker run -d --name web -p 3000:80 alpine sh -c 'mkdir -p /www && echo b-app > /www/index.html && httpd -f -p 80 -h /www'",
  );
  await published(b, 3000);
  const cookieOfB = await signIn(b, 3000);
  assert.equal((await get(port.url, cookieOfB)).status, 403);
  const ofB = await getOnceListening(`http://${b.host}-3000-${b.id}.localhost:${frontPort}/`, cookieOfB);
  assert.equal(ofB.body, 'b-app\n');

  // A ticket works once.
  const { url } = ports.ticket(a.id, a.host, 3000);
  assert.equal((await get(url)).status, 303);
  assert.equal((await get(url)).status, 403);
});

test('a WebSocket app: the upgrade and its frames pass through the proxy', async () => {
  // A tiny echo server (one small text frame per message is enough here) on the voting app's Node.
  const echo = `
    const http = require('http'), crypto = require('crypto');
    const server = http.createServer((q, r) => r.end('echo server'));
    server.on('upgrade', (q, sock) => {
      const accept = crypto.createHash('sha1').update(q.headers['sec-websocket-key'] + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
      sock.write('HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Accept: ' + accept + '\\r\\n\\r\\n');
      sock.on('data', (b) => {
        if ((b[0] & 15) !== 1) return sock.end();
        const n = b[1] & 127, mask = b.subarray(2, 6), text = Buffer.from(b.subarray(6, 6 + n).map((x, i) => x ^ mask[i % 4]));
        const reply = Buffer.concat([Buffer.from('echo: '), text]);
        sock.write(Buffer.concat([Buffer.from([0x81, reply.length]), reply]));
      });
    });
    server.listen(80);`;
  const { exitCode, output } = await execCapture(a.sandbox, [
    'docker',
    'run',
    '-d',
    '--name',
    'ws-echo',
    '-p',
    '8090:80',
    'caylent/example-voting-app:result',
    'node',
    '-e',
    echo,
  ]);
  assert.equal(exitCode, 0, output);
  const port = await published(a, 8090);
  const cookie = await signIn(a, 8090);
  assert.equal((await getOnceListening(port.url, cookie)).body, 'echo server');

  const open = (withCookie: boolean) =>
    new WebSocket(port.url.replace(/^http/, 'ws'), {
      headers: withCookie ? { cookie } : {},
      createConnection: () => net.connect(frontPort, '127.0.0.1'),
    });
  const ws = open(true);
  const reply = await new Promise<string>((resolve, reject) => {
    ws.once('open', () => ws.send('hello through the proxy'));
    ws.once('message', (data) => resolve(data.toString()));
    ws.once('error', reject);
  });
  ws.terminate();
  assert.equal(reply, 'echo: hello through the proxy');

  const refused = await new Promise<number>((resolve) => {
    const anonymous = open(false);
    anonymous.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    anonymous.once('error', () => resolve(-1));
  });
  assert.equal(refused, 401);
});

test('a removed container takes its port off the list and off the proxy', async () => {
  const cookie = await signIn(a, 3000);
  await sh(a, 'docker rm -f counter');
  await listWhere(a, (p) => !p.includes(3000), 'port 3000 gone');
  const answer = await get(`http://${a.host}-3000-${a.id}.localhost:${frontPort}/`, cookie);
  assert.equal(answer.status, 404);
  assert.match(answer.body, /not published/);
  assert.throws(() => ports.ticket(a.id, a.host, 3000), /publishes port 3000/);
});

test('dispose leaves no docker events running in the sandbox, and the session is gone from the proxy', async () => {
  const cookie = await signIn(a, 8090);
  // The playground watches every host itself too: count this watch's own stream only.
  const running = async () => Number((await sh(a, 'ps -o args | grep -c "^docker events" || true')).trim());
  const before = await running();
  assert.ok(before >= 1, 'the watch follows the daemon with docker events');
  await a.watch!.dispose();
  assert.equal(await running(), before - 1);
  const answer = await get(`http://${a.host}-8090-${a.id}.localhost:${frontPort}/`, cookie);
  assert.equal(answer.status, 502);
  assert.match(answer.body, /session has ended/);
});

test('a pid file the learner rewrote ends nothing else when the watch is disposed', async () => {
  // The learner is root in the sandbox and can point the watch's pid file at any process.
  const sleeper = (await sh(b, 'sleep 300 >/dev/null 2>&1 & echo $!')).trim();
  assert.match(sleeper, /^\d+$/);
  await sh(b, `for f in /run/playground-events/*; do echo ${sleeper} > "$f"; done`);
  await b.watch!.dispose();
  assert.equal((await sh(b, `kill -0 ${sleeper} && echo alive || echo gone`)).trim(), 'alive');
  await sh(b, `kill ${sleeper}`);
});

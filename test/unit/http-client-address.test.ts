// Who a request comes from (client-address.ts): X-Forwarded-For is read only from the
// proxies the operator trusts, right to left, and bounded; and the names the playground
// answers to (host-names.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  clientKey,
  forwardedClient,
  plainAddress,
  TrustedProxies,
} from '../../server/http/client-address.js';
import { HostNames, hostnameOf } from '../../server/http/host-names.js';
import { startTestHttpServer } from '../support/http-server.js';

const none = new TrustedProxies([]);
const proxies = new TrustedProxies(['10.0.0.1', '192.168.0.0/16', 'fd00::/8']);

test('without trusted proxies the header changes nothing', () => {
  assert.equal(forwardedClient('203.0.113.7', '1.2.3.4', none), '203.0.113.7');
  assert.equal(forwardedClient('::ffff:203.0.113.7', '1.2.3.4, 5.6.7.8', none), '203.0.113.7');
  // A peer that is not a trusted proxy is the client, whatever it writes.
  assert.equal(forwardedClient('203.0.113.7', '1.2.3.4', proxies), '203.0.113.7');
});

test('behind trusted proxies the client is the first untrusted hop from the right', () => {
  assert.equal(forwardedClient('10.0.0.1', '198.51.100.9', proxies), '198.51.100.9');
  // The client forged a first hop; the proxy appended the real one.
  assert.equal(forwardedClient('10.0.0.1', '1.1.1.1, 198.51.100.9', proxies), '198.51.100.9');
  // Two proxies in a row (one in a trusted range), IPv4-mapped and spaced oddly.
  assert.equal(
    forwardedClient('::ffff:10.0.0.1', '1.1.1.1,198.51.100.9 ,  192.168.4.4', proxies),
    '198.51.100.9',
  );
  assert.equal(forwardedClient('fd12::1', '2001:db8::5', proxies), '2001:db8::5');
});

test('a forwarded header that is missing, garbled or endless falls back to the last proxy', () => {
  assert.equal(forwardedClient('10.0.0.1', undefined, proxies), '10.0.0.1');
  assert.equal(forwardedClient('10.0.0.1', '', proxies), '10.0.0.1');
  assert.equal(forwardedClient('10.0.0.1', 'unknown', proxies), '10.0.0.1');
  assert.equal(forwardedClient('10.0.0.1', '192.168.1.1, <script>', proxies), '10.0.0.1');
  assert.equal(forwardedClient('10.0.0.1', 'not-an-ip, 192.168.1.1', proxies), '192.168.1.1');
  // Thousands of trusted hops: only the last few are read, and the answer is a proxy.
  const loop = Array(5000).fill('192.168.1.1').join(', ');
  assert.equal(forwardedClient('10.0.0.1', `6.6.6.6, ${loop}`, proxies), '192.168.1.1');
  // A megabyte of header is read in bounded time (only its tail).
  assert.equal(
    forwardedClient('10.0.0.1', `${'9'.repeat(1_000_000)}, 198.51.100.9`, proxies),
    '198.51.100.9',
  );
});

test('PLAYGROUND_TRUST_PROXY entries are addresses or CIDR ranges; anything else is named', () => {
  assert.throws(() => new TrustedProxies(['proxy.example']), /"proxy\.example" is not an address/);
  assert.throws(() => new TrustedProxies(['10.0.0.0/33']), /not an address or a CIDR range/);
  assert.throws(() => new TrustedProxies(['10.0.0.0/8/8']), /not an address or a CIDR range/);
  assert.ok(new TrustedProxies(['::1', '127.0.0.0/8']).has('::ffff:127.0.0.1'));
});

test('an IPv6 client is counted by its /64, an IPv4 client by its address', () => {
  assert.equal(clientKey('203.0.113.7'), '203.0.113.7');
  assert.equal(clientKey('2001:db8:1:2:aaaa::1'), '2001:db8:1:2::/64');
  assert.equal(clientKey('2001:db8:1:2:ffff:ffff:ffff:ffff'), '2001:db8:1:2::/64');
  assert.equal(clientKey('2001:0db8:0001:0002::9'), '2001:db8:1:2::/64');
  assert.equal(clientKey('::1'), '0:0:0:0::/64');
  assert.equal(plainAddress('::ffff:1.2.3.4'), '1.2.3.4');
});

test('with no trusted proxy, a forged X-Forwarded-For does not buy another session', async () => {
  const server = await startTestHttpServer({ maxSessionsPerClient: 1 });
  try {
    const post = (forwarded: string) =>
      fetch(`${server.url}/api/sessions`, { method: 'POST', headers: { 'x-forwarded-for': forwarded } });
    assert.equal((await post('1.1.1.1')).status, 201);
    const second = await post('2.2.2.2');
    assert.equal(second.status, 429);
    assert.match(((await second.json()) as { error: string }).error, /already have 1 sandboxes/);
  } finally {
    await server.close();
  }
});

test('behind a trusted proxy, each forwarded client has its own sessions', async () => {
  const server = await startTestHttpServer({ maxSessionsPerClient: 1, trustedProxies: ['127.0.0.1'] });
  try {
    const post = (forwarded: string) =>
      fetch(`${server.url}/api/sessions`, { method: 'POST', headers: { 'x-forwarded-for': forwarded } });
    assert.equal((await post('198.51.100.1')).status, 201);
    assert.equal((await post('198.51.100.2')).status, 201);
    assert.equal((await post('6.6.6.6, 198.51.100.2')).status, 429);
  } finally {
    await server.close();
  }
});

test('the names the playground answers to', () => {
  const loopback = new HostNames({ listenHost: '127.0.0.1', publicHosts: [] });
  for (const host of ['localhost:8080', 'LOCALHOST', '127.0.0.1:8080', '[::1]:8080', 'localhost.'])
    assert.ok(loopback.allows(host), host);
  for (const host of [
    undefined,
    '',
    'evil.example',
    'evil.example:8080',
    'localhost.evil.example',
    '127.0.0.2',
  ])
    assert.equal(loopback.allows(host), false, String(host));
  const room = new HostNames({
    listenHost: '0.0.0.0',
    publicHosts: ['lab.example.org', '2001:db8::10'],
    machine: () => ['192.168.1.20', 'fe80::1', 'teacher', 'teacher.local'],
  });
  for (const host of [
    '192.168.1.20:8080',
    '[fe80::1]:8080',
    'teacher.local:8080',
    'lab.example.org',
    '[2001:db8::10]',
  ])
    assert.ok(room.allows(host), host);
  assert.equal(room.allows('evil.example:8080'), false);
  assert.equal(
    new HostNames({ listenHost: '192.168.1.20', publicHosts: [] }).allows('192.168.1.20:8080'),
    true,
  );
  assert.equal(hostnameOf('[::1]:8080'), '[::1]');
  assert.equal(hostnameOf('::1'), '[::1]');
});

test('a machine address gained after start is found, and misses do not reread it each time', () => {
  let reads = 0;
  let addresses = ['192.168.1.20'];
  const names = new HostNames({
    listenHost: '0.0.0.0',
    publicHosts: [],
    machine: () => (reads++, addresses),
  });
  assert.ok(names.allows('192.168.1.20'));
  addresses = ['192.168.1.20', '10.8.0.2'];
  for (let i = 0; i < 100; i++) names.allows('evil.example');
  assert.equal(reads, 1, 'misses within the refresh interval do not read the interfaces again');
});

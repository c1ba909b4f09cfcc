// The last resort under the HTTP server's handlers (last-resort.ts) and the handshake
// timeout of upgraded sockets (connection-limits.ts): whatever a handler throws is answered,
// and a socket nobody answers is closed.
import assert from 'node:assert/strict';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { test } from 'node:test';
import { TrustedProxies } from '../../server/http/client-address.js';
import { ConnectionLimits } from '../../server/http/connection-limits.js';
import { guardRequests, guardUpgrades } from '../../server/http/last-resort.js';
import { PlaygroundError } from '../../server/errors.js';
import { rawGet, rawRequest, rawUpgrade } from '../support/raw-http.js';

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

test('a handler that throws, rejects or fails mid-answer costs its request only', async () => {
  const server = http.createServer(
    guardRequests(async (req, res) => {
      if (req.url === '/throw') throw new Error('a bug');
      if (req.url === '/refuse') throw new PlaygroundError('Not here.', 404);
      if (req.url === '/reject') return Promise.reject(new Error('a late bug'));
      if (req.url === '/midway') {
        res.writeHead(200);
        res.write('half');
        throw new Error('a bug after the headers');
      }
      res.end('fine');
    }),
  );
  const port = await listen(server);
  try {
    assert.equal((await rawRequest(rawGet('/throw'), { port })).status, 500);
    const refused = await rawRequest(rawGet('/refuse'), { port });
    assert.equal(refused.status, 404);
    assert.match(refused.text, /Not here\./);
    assert.equal((await rawRequest(rawGet('/reject'), { port })).status, 500);
    const midway = await rawRequest(rawGet('/midway'), { port });
    assert.equal(midway.status, 200);
    assert.ok(midway.closed, 'an answer that cannot be finished is cut');
    assert.equal((await rawRequest(rawGet('/'), { port })).status, 200);
  } finally {
    server.close();
  }
});

test('an upgrade handler that throws answers the socket; a reset socket is no uncaught error', async () => {
  const server = http.createServer();
  server.on(
    'upgrade',
    guardUpgrades((req, socket) => {
      if (req.url === '/bad') throw new PlaygroundError('No such socket here.', 400);
      if (req.url === '/later') {
        // Answers after the client has reset the connection: the write fails on the socket.
        setTimeout(() => socket.end('HTTP/1.1 404 Not Found\r\n\r\n'), 200);
        return;
      }
      throw new Error('a bug');
    }),
  );
  const port = await listen(server);
  try {
    const bad = await rawRequest(rawUpgrade('/bad'), { port });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /No such socket here\./);
    assert.equal((await rawRequest(rawUpgrade('/bug'), { port })).status, 500);
    const reset = net.connect({ port, host: '127.0.0.1' });
    reset.on('error', () => undefined);
    reset.write(rawUpgrade('/later'));
    await new Promise((r) => setTimeout(r, 50));
    reset.resetAndDestroy();
    await new Promise((r) => setTimeout(r, 400));
    assert.equal((await rawRequest(rawUpgrade('/bad'), { port })).status, 400, 'still serving');
  } finally {
    server.close();
  }
});

test('an upgraded socket that nobody answers is closed after the handshake timeout', async () => {
  const limits = new ConnectionLimits({
    maxConnections: 10,
    maxPerClient: 10,
    trusted: new TrustedProxies([]),
    handshakeTimeoutMs: 300,
  });
  const server = http.createServer();
  limits.attach(server);
  // Admitted, then left alone: what an app behind the port proxy that never answers does.
  server.on('upgrade', (req, socket) => void limits.admitUpgrade(req, socket));
  const port = await listen(server);
  try {
    const answer = await rawRequest(rawUpgrade('/socket'), { port, timeoutMs: 10_000 });
    assert.ok(answer.closed, 'the server closed the socket');
    assert.equal(answer.text, '');
    // The server side's close follows the client's: wait for it, boundedly.
    for (let i = 0; i < 100 && limits.openConnections() > 0; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(limits.openConnections(), 0);
  } finally {
    server.close();
  }
});

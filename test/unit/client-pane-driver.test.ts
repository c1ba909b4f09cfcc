// A pane's state machine driving real connections over fake sockets: reconnecting under the
// same pane id with growing pauses, giving up, input held or dropped, closing the shell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CloseCode, encodeServerMessage } from '../../common/protocol';
import { MAX_RECONNECT_ATTEMPTS } from '../../client/src/terminals/close-policy';
import { PaneDriver, type PaneView } from '../../client/src/terminals/pane-driver';
import { TerminalConnection } from '../../client/src/terminals/terminal-connection';
import { FakeSocket } from '../support/fake-terminal-socket';
import { FakeTimers } from '../support/fake-timers';

const messages = {
  closeReasons: {},
  connectionFailed: 'Could not connect',
  paneClosedTitle: 'Disconnected',
  takenOver: 'Opened in another window',
};

/** A driver whose connections all carry `paneId`, as a pane's do, over fake sockets. */
function setup(paneId = 'pane42') {
  const timers = new FakeTimers();
  const sockets: FakeSocket[] = [];
  const reported: string[] = [];
  const seen: string[] = [];
  let online = true;
  const view: PaneView = {
    render: (model, report) => {
      if (report) reported.push(`${model.state}:${model.attempt}`);
    },
    output: (data, rendered) => {
      seen.push(`output:${new TextDecoder().decode(data)}`);
      rendered();
    },
    replay: () => seen.push('replay'),
    title: (title) => seen.push(`title:${title}`),
    notice: (message) => seen.push(`notice:${message}`),
    shellReady: () => seen.push('shell-ready'),
    sessionGone: (code, message) => seen.push(`session-gone:${code}:${message}`),
  };
  const driver = new PaneDriver({
    connection: (handlers) =>
      new TerminalConnection({
        url: 'ws://example.test/api/sessions/abc/terminal?host=docker',
        token: 'secret-token',
        paneId,
        initialSize: () => ({ cols: 80, rows: 24 }),
        timers,
        handlers,
        socketFactory: (url, protocols) => {
          const s = new FakeSocket(url, protocols);
          sockets.push(s);
          return s;
        },
      }),
    view,
    messages: () => messages,
    online: () => online,
    random: () => 0,
    timers,
  });
  const setOnline = (value: boolean) => {
    online = value;
    driver.dispatch({ type: 'network', online: value });
  };
  return { driver, timers, sockets, reported, seen, setOnline };
}

/** Read through calls, so one assertion does not narrow the type for the next. */
const stateOf = (driver: PaneDriver) => driver.model.state;
const connectionOf = (driver: PaneDriver) => driver.connection;

const ready = (attach: 'new' | 'reattached' = 'new') =>
  encodeServerMessage({ type: 'status', status: { state: 'ready', host: 'node1', attach } });

test('every socket of a pane carries the same pane id', () => {
  const { driver, sockets, timers } = setup();
  driver.dispatch({ type: 'connect' });
  sockets[0]!.open();
  sockets[0]!.serverClose(1006);
  timers.advance(500);
  assert.equal(sockets.length, 2);
  for (const s of sockets) assert.match(s.url, /\?host=docker&pane=pane42$/);
});

test('a dropped socket is reopened with growing pauses; input between sockets is dropped', () => {
  const { driver, sockets, timers, reported } = setup();
  driver.dispatch({ type: 'connect' });
  sockets[0]!.open();
  sockets[0]!.receive(ready());
  sockets[0]!.serverClose(1006);
  assert.equal(stateOf(driver), 'reconnecting');
  assert.equal(connectionOf(driver), null, 'keystrokes have no socket to go to');
  timers.advance(499);
  assert.equal(sockets.length, 1);
  timers.advance(1);
  assert.equal(sockets.length, 2, 'first retry after 500 ms');
  sockets[1]!.serverClose(1006);
  timers.advance(999);
  assert.equal(sockets.length, 2);
  timers.advance(1);
  assert.equal(sockets.length, 3, 'second retry after 1 s');
  sockets[2]!.open();
  sockets[2]!.receive(ready('reattached'));
  assert.equal(stateOf(driver), 'ready');
  assert.equal(driver.connection?.sendText('ls\r'), true);
  assert.deepEqual(
    sockets[2]!.messages().map((m) => m.type),
    ['resize', 'input'],
    'a new socket starts with the size again',
  );
  assert.deepEqual(
    reported,
    ['ready:0', 'reconnecting:1', 'reconnecting:1', 'reconnecting:2', 'reconnecting:2', 'ready:0'],
    'drops are not reported as closes; each attempt is',
  );
});

test('reconnecting stops at a close that retrying cannot help, or after the last attempt', () => {
  const refused = setup();
  refused.driver.dispatch({ type: 'connect' });
  refused.sockets[0]!.open();
  refused.sockets[0]!.serverClose(CloseCode.TakenOver, 'opened in another window');
  assert.equal(stateOf(refused.driver), 'closed');
  assert.equal(refused.driver.model.closeCode, 4409);
  assert.equal(refused.driver.model.message, 'opened in another window');
  assert.equal(refused.timers.pending, 0);

  const flaky = setup();
  flaky.driver.dispatch({ type: 'connect' });
  for (let i = 0; i <= MAX_RECONNECT_ATTEMPTS; i++) {
    flaky.sockets[i]!.serverClose(1006);
    flaky.timers.advance(60_000);
  }
  assert.equal(flaky.sockets.length, MAX_RECONNECT_ATTEMPTS + 1);
  assert.equal(flaky.reported.filter((r) => r.startsWith('closed')).length, 1);
  assert.equal(flaky.timers.pending, 0);
});

test('a session that is gone is reported once, with the reason', () => {
  const { driver, sockets, seen } = setup();
  driver.dispatch({ type: 'connect' });
  sockets[0]!.open();
  sockets[0]!.serverClose(CloseCode.SandboxGone, 'sandbox removed');
  assert.deepEqual(seen, ['session-gone:4410:sandbox removed']);
  assert.equal(sockets.length, 1);
});

test('text sent before the shell is ready is typed once it is', () => {
  const { driver, sockets, seen } = setup();
  driver.dispatch({ type: 'connect' });
  driver.sendText('echo hi\r');
  sockets[0]!.open();
  assert.deepEqual(
    sockets[0]!.messages().map((m) => m.type),
    ['resize'],
  );
  sockets[0]!.receive(encodeServerMessage({ type: 'output', data: new TextEncoder().encode('$ ') }));
  assert.deepEqual(seen, ['shell-ready', 'output:$ ']);
  const inputs = sockets[0]!.messages().filter((m) => m.type === 'input');
  assert.deepEqual(
    inputs.map((m) => new TextDecoder().decode(m.data)),
    ['echo hi\r'],
  );
  driver.sendText('ls\r');
  assert.equal(sockets[0]!.messages().filter((m) => m.type === 'input').length, 2, 'then straight through');
});

test("a replaced socket's late frames are ignored", () => {
  const { driver, sockets, seen } = setup();
  driver.dispatch({ type: 'connect' });
  const old = sockets[0]!;
  old.open();
  driver.dispatch({ type: 'connect' });
  assert.deepEqual(old.closedWith, [1000, '']);
  old.receive(encodeServerMessage({ type: 'title', title: 'stale' }));
  old.serverClose(1006);
  assert.deepEqual(seen, []);
  assert.equal(stateOf(driver), 'connecting');
  assert.equal(sockets.length, 2);
});

test('closing the pane sends Close and does not reconnect', () => {
  const { driver, sockets, timers } = setup();
  driver.dispatch({ type: 'connect' });
  sockets[0]!.open();
  sockets[0]!.receive(ready());
  driver.dispatch({ type: 'close-shell' });
  assert.deepEqual(sockets[0]!.messages().at(-1), { type: 'close' });
  assert.deepEqual(sockets[0]!.closedWith, [1000, '']);
  timers.advance(60_000);
  assert.equal(sockets.length, 1);
  assert.equal(stateOf(driver), 'closed');
});

test('closing a pane between sockets sends Close on a short-lived socket for the same pane', () => {
  const { driver, sockets, timers } = setup('off123');
  driver.dispatch({ type: 'connect' });
  sockets[0]!.open();
  sockets[0]!.serverClose(1006);
  driver.dispatch({ type: 'close-shell' });
  assert.equal(sockets.length, 2);
  const courier = sockets[1]!;
  assert.match(courier.url, /pane=off123/);
  courier.open();
  assert.deepEqual(courier.messages(), [{ type: 'close' }], 'only the Close, no size');
  assert.deepEqual(courier.closedWith, [1000, '']);
  timers.advance(60_000);
  assert.equal(sockets.length, 2, 'no reconnect afterwards');
});

test('offline, a drop waits for the network; back online a fresh socket opens at once', () => {
  const { driver, sockets, timers, setOnline } = setup();
  driver.dispatch({ type: 'connect' });
  sockets[0]!.open();
  sockets[0]!.receive(ready());
  setOnline(false);
  assert.equal(stateOf(driver), 'offline');
  sockets[0]!.serverClose(1006);
  timers.advance(60_000);
  assert.equal(sockets.length, 1, 'no retries while offline');
  setOnline(true);
  assert.equal(sockets.length, 2);
  assert.equal(stateOf(driver), 'connecting');
});

test('stop lets go of the socket and the pending retry', () => {
  const { driver, sockets, timers } = setup();
  driver.dispatch({ type: 'connect' });
  sockets[0]!.open();
  sockets[0]!.serverClose(1006);
  assert.equal(timers.pending, 1);
  driver.stop();
  assert.equal(timers.pending, 0);
  timers.advance(60_000);
  assert.equal(sockets.length, 1);
});

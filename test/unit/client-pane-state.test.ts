// The terminal pane's state machine: each transition, the actions it asks for, the backoff.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CloseCode } from '../../common/protocol';
import { MAX_RECONNECT_ATTEMPTS } from '../../client/src/terminals/close-policy';
import {
  initialPaneModel,
  reducePane,
  type PaneAction,
  type PaneContext,
  type PaneEvent,
  type PaneModel,
} from '../../client/src/terminals/pane-state';

const messages = {
  closeReasons: { [CloseCode.UnknownSession]: 'The session no longer exists.' },
  connectionFailed: 'Could not connect',
  paneClosedTitle: 'Disconnected',
  takenOver: 'Opened in another window',
};
const online: PaneContext = { messages, online: true, spread: 0 };
const offline: PaneContext = { ...online, online: false };

/** Runs events in order from `model`; the model after the last one and every action on the way. */
function run(model: PaneModel, events: PaneEvent[], ctx = online) {
  const actions: PaneAction[] = [];
  for (const event of events) {
    const step = reducePane(model, event, ctx);
    model = step.model;
    actions.push(...step.actions);
  }
  return { model, actions };
}

const types = (actions: PaneAction[]) => actions.map((a) => a.type);
const readyStatus: PaneEvent = { type: 'status', status: { state: 'ready', host: 'node1', attach: 'new' } };
const drop: PaneEvent = { type: 'socket-closed', code: 1006, reason: '' };
/** A pane whose shell answered on an open socket. */
const ready = run(initialPaneModel, [{ type: 'connect' }, { type: 'socket-open' }, readyStatus]).model;

test('connect opens a socket, and the first status or output makes the pane ready', () => {
  const connecting = reducePane(initialPaneModel, { type: 'connect' }, online);
  assert.equal(connecting.model.state, 'connecting');
  assert.equal(connecting.model.socket, 'opening');
  assert.deepEqual(types(connecting.actions), ['open-socket'], 'a new pane is connecting already');

  const open = reducePane(connecting.model, { type: 'socket-open' }, online);
  assert.deepEqual(open, { model: { ...connecting.model, socket: 'open' }, actions: [] });

  const status = reducePane(open.model, readyStatus, online);
  assert.equal(status.model.state, 'ready');
  assert.equal(status.model.shellHost, 'node1');
  assert.deepEqual(types(status.actions), ['report-state', 'send-held-input', 'shell-ready']);

  const output = reducePane(open.model, { type: 'output' }, online);
  assert.equal(output.model.state, 'ready', 'output also says the shell is there');
  assert.deepEqual(
    reducePane(status.model, { type: 'output' }, online).actions,
    [],
    'once ready, output changes nothing',
  );
});

test("a status that is not 'ready' only says which host", () => {
  const { model, actions } = run(initialPaneModel, [
    { type: 'connect' },
    { type: 'status', status: { state: 'connecting', host: 'docker' } },
  ]);
  assert.equal(model.state, 'connecting');
  assert.equal(model.shellHost, 'docker');
  assert.deepEqual(types(actions), ['open-socket']);
});

test('a shell that answers while the browser is offline leaves the pane offline, input held', () => {
  const step = reducePane(run(initialPaneModel, [{ type: 'connect' }]).model, readyStatus, offline);
  assert.equal(step.model.state, 'offline');
  assert.deepEqual(types(step.actions), ['report-state', 'shell-ready']);
});

test('the shell exits; the socket closing after that changes nothing; Enter or the button starts anew', () => {
  const exited = reducePane(ready, { type: 'exit', code: 130 }, online);
  assert.equal(exited.model.state, 'exited');
  assert.equal(exited.model.exitCode, 130);
  assert.deepEqual(types(exited.actions), ['report-state']);
  const closed = reducePane(
    exited.model,
    { type: 'socket-closed', code: CloseCode.Normal, reason: '' },
    online,
  );
  assert.deepEqual(closed.actions, []);
  assert.equal(closed.model.state, 'exited');
  assert.equal(closed.model.socket, 'none');
  const again = reducePane(closed.model, { type: 'connect' }, online);
  assert.deepEqual(types(again.actions), ['report-state', 'open-socket']);
  assert.equal(again.model.exitCode, null, 'a new socket forgets the old shell');
});

test('a server error is shown, and explains a close without a reason', () => {
  const err = reducePane(ready, { type: 'server-error', message: 'exec failed' }, online);
  assert.deepEqual(err.actions, [{ type: 'notice', message: 'exec failed' }]);
  const closed = reducePane(err.model, { type: 'socket-closed', code: CloseCode.Normal, reason: '' }, online);
  assert.equal(closed.model.state, 'closed');
  assert.equal(closed.model.message, 'exec failed');
  assert.equal(closed.model.closeCode, CloseCode.Normal);
});

test('closes that retrying cannot help: done, taken over, fatal, session gone', () => {
  const close = (code: number, reason = '') =>
    reducePane(ready, { type: 'socket-closed', code, reason }, online);
  assert.equal(close(CloseCode.Normal).model.message, 'Disconnected');
  assert.equal(close(CloseCode.Normal, 'bye').model.message, 'bye');
  assert.equal(close(CloseCode.TakenOver).model.message, 'Opened in another window');
  assert.equal(close(CloseCode.TakenOver, 'elsewhere').model.message, 'elsewhere');
  const fatal = close(CloseCode.TooManyTerminals);
  assert.equal(fatal.model.state, 'closed');
  assert.equal(fatal.model.message, 'Could not connect (4429)');
  assert.equal(fatal.model.closeCode, 4429);
  assert.deepEqual(types(fatal.actions), ['report-state']);
  const gone = close(CloseCode.UnknownSession);
  assert.equal(gone.model.state, 'closed');
  assert.deepEqual(gone.actions, [
    { type: 'report-state' },
    { type: 'session-gone', code: 4404, message: 'The session no longer exists.' },
  ]);
});

test('a dropped socket is retried with growing pauses, each attempt reported', () => {
  let model = ready;
  const delays: number[] = [];
  for (let attempt = 1; attempt <= 4; attempt++) {
    const closed = reducePane(model, drop, online);
    assert.equal(closed.model.state, 'reconnecting');
    assert.equal(closed.model.attempt, attempt);
    assert.equal(closed.model.socket, 'none');
    assert.equal(closed.actions[0]!.type, 'report-state');
    const retry = closed.actions[1];
    assert.ok(retry?.type === 'retry-after');
    delays.push(retry.ms);
    const due = reducePane(closed.model, { type: 'retry-due' }, online);
    assert.deepEqual(types(due.actions), ['report-state', 'open-socket'], 'the same state, reported again');
    assert.equal(due.model.state, 'reconnecting');
    assert.equal(due.model.socket, 'opening');
    model = due.model;
  }
  assert.deepEqual(delays, [500, 1000, 2000, 4000]);
  const back = reducePane(model, readyStatus, online).model;
  assert.equal(back.state, 'ready');
  assert.equal(back.attempt, 0, 'a ready shell starts the count again');
});

test('the pauses are spread, so many pages do not come back in lockstep', () => {
  const step = reducePane(ready, drop, { ...online, spread: 1 });
  assert.deepEqual(step.actions[1], { type: 'retry-after', ms: 375 });
});

test('after the last attempt the pane gives up and says why', () => {
  let model: PaneModel = {
    ...ready,
    attempt: MAX_RECONNECT_ATTEMPTS,
    socket: 'opening',
    state: 'reconnecting',
  };
  const last = reducePane(model, drop, online);
  assert.equal(last.model.state, 'closed');
  assert.equal(last.model.message, 'Could not connect');
  assert.ok(!types(last.actions).includes('retry-after'));
  model = { ...model, serverError: 'backend down' };
  assert.equal(reducePane(model, drop, online).model.message, 'backend down');
});

test('a retry that is no longer due is ignored', () => {
  assert.deepEqual(reducePane(ready, { type: 'retry-due' }, online), { model: ready, actions: [] });
  const closed = run(ready, [{ type: 'close-shell' }]).model;
  assert.deepEqual(reducePane(closed, { type: 'retry-due' }, online).actions, []);
});

test('offline: a ready pane waits; back online it is ready again on the same socket', () => {
  const off = reducePane(ready, { type: 'network', online: false }, offline);
  assert.equal(off.model.state, 'offline');
  assert.deepEqual(types(off.actions), ['report-state']);
  const on = reducePane(off.model, { type: 'network', online: true }, online);
  assert.equal(on.model.state, 'ready');
  assert.deepEqual(types(on.actions), ['report-state']);
  const connecting = run(initialPaneModel, [{ type: 'connect' }]).model;
  assert.deepEqual(reducePane(connecting, { type: 'network', online: false }, offline).actions, []);
  assert.deepEqual(reducePane(ready, { type: 'network', online: true }, online).actions, []);
});

test('a socket that drops while offline is not retried until the network is back, then anew', () => {
  const off = run(ready, [{ type: 'network', online: false }, drop], offline);
  assert.equal(off.model.state, 'offline');
  assert.equal(off.model.socket, 'none');
  assert.ok(!types(off.actions).includes('retry-after'));
  const on = reducePane({ ...off.model, attempt: 3 }, { type: 'network', online: true }, online);
  assert.equal(on.model.state, 'connecting');
  assert.equal(on.model.attempt, 0);
  assert.deepEqual(types(on.actions), ['report-state', 'open-socket']);
});

test('closing the shell ends it on its socket, or between sockets on a short-lived one', () => {
  const onSocket = reducePane(ready, { type: 'close-shell' }, online);
  assert.equal(onSocket.model.state, 'closed');
  assert.equal(onSocket.model.socket, 'none');
  assert.deepEqual(onSocket.actions, [{ type: 'report-state' }, { type: 'end-shell', via: 'socket' }]);
  const between = run(ready, [drop, { type: 'close-shell' }]).actions.slice(-2);
  assert.deepEqual(between, [{ type: 'report-state' }, { type: 'end-shell', via: 'courier' }]);
  const offlineBetween = run(
    ready,
    [{ type: 'network', online: false }, drop, { type: 'close-shell' }],
    offline,
  );
  assert.deepEqual(offlineBetween.actions.at(-1), { type: 'end-shell', via: 'courier' });
  const exited = run(ready, [
    { type: 'exit', code: 0 },
    { type: 'socket-closed', code: 1000, reason: '' },
  ]).model;
  assert.deepEqual(
    reducePane(exited, { type: 'close-shell' }, online).actions,
    [{ type: 'report-state' }],
    'no shell left to end',
  );
});

test('the close code belongs to the closed state, the message is cleared once ready', () => {
  const closed = reducePane(
    ready,
    { type: 'socket-closed', code: CloseCode.BackendFailed, reason: 'no exec' },
    online,
  );
  assert.equal(closed.model.closeCode, CloseCode.BackendFailed);
  const again = reducePane(closed.model, { type: 'connect' }, online).model;
  assert.equal(again.closeCode, undefined);
  assert.equal(again.message, 'no exec', 'kept while connecting');
  assert.equal(reducePane(again, readyStatus, online).model.message, '');
});

// A terminal pane's connection life as a pure state machine. The pane feeds it what its
// socket, the network and the learner do, and carries out the actions that come back:
// open a socket, try again after a pause, end the shell, tell the page. One socket at a
// time: TerminalConnection has no policy of its own, reconnecting is decided here.
//
// The server's word on the shell, TerminalStatus (common/protocol.ts), is one of the
// inputs: its `state` is the shell's side ('connecting', 'ready', 'exited'), while
// PaneState below is what the learner sees, which also covers the socket and the network.

import { CloseCode, type TerminalStatus } from '../../../common/protocol';
import { closeDisposition, closeMessage, MAX_RECONNECT_ATTEMPTS, reconnectDelay } from './close-policy';

/** What the pane is doing; mirrored in its data-state attribute. */
export type PaneState = 'connecting' | 'ready' | 'reconnecting' | 'offline' | 'exited' | 'closed';

/** Everything the machine remembers between events. */
export interface PaneModel {
  state: PaneState;
  /** Reconnect attempts since the shell was last ready; the banner counts them. */
  attempt: number;
  /** The pane's socket: none between sockets, after the last one, and before the first. */
  socket: 'none' | 'opening' | 'open';
  /** The shell's exit code, once it exited. */
  exitCode: number | null;
  /** What the closed banner says ('' for the default words). */
  message: string;
  /** The close code that put the pane in 'closed'. */
  closeCode?: number;
  /** The current socket's last error frame: the reason shown when it then closes without one. */
  serverError: string;
  /** The host the server says the shell runs on ('' until it says). */
  shellHost: string;
}

export type PaneEvent =
  /** Open a fresh socket: first shown, new credentials, the learner's Reconnect or Enter. */
  | { type: 'connect' }
  /** The pause before the next reconnect attempt is over. */
  | { type: 'retry-due' }
  | { type: 'socket-open' }
  /** An Output frame arrived. */
  | { type: 'output' }
  | { type: 'status'; status: TerminalStatus }
  | { type: 'exit'; code: number | null }
  | { type: 'server-error'; message: string }
  /** The socket ended without the page asking. */
  | { type: 'socket-closed'; code: number; reason: string }
  /** The browser's online and offline events. */
  | { type: 'network'; online: boolean }
  /** The learner closed the pane: end its shell for good. */
  | { type: 'close-shell' };

export type PaneAction =
  /** Tell the page the pane's state (sent on every change, and for each reconnect attempt). */
  | { type: 'report-state' }
  /** Drop the current socket, if any, and open a new one under the same pane id. */
  | { type: 'open-socket' }
  /** Feed 'retry-due' back after this many milliseconds. */
  | { type: 'retry-after'; ms: number }
  /** The shell answered: a first chance to focus the terminal. */
  | { type: 'shell-ready' }
  /** Type what the page sent before the shell was ready. */
  | { type: 'send-held-input' }
  /** Show the server's error for a while. */
  | { type: 'notice'; message: string }
  | { type: 'session-gone'; code: number; message: string }
  /** Ask the server to end the shell: on the current socket, or on a short-lived one between sockets. */
  | { type: 'end-shell'; via: 'socket' | 'courier' };

/** The words a close is explained with (the page's language of the moment). */
export interface PaneMessages {
  closeReasons: Readonly<Record<number, string>>;
  connectionFailed: string;
  paneClosedTitle: string;
  takenOver: string;
}

/** What the world is like when an event happens. */
export interface PaneContext {
  messages: PaneMessages;
  /** navigator.onLine */
  online: boolean;
  /** A number in [0, 1) that spreads the reconnect pauses (see reconnectDelay). */
  spread: number;
}

export interface PaneStep {
  model: PaneModel;
  actions: PaneAction[];
}

export const initialPaneModel: PaneModel = {
  state: 'connecting',
  attempt: 0,
  socket: 'none',
  exitCode: null,
  message: '',
  serverError: '',
  shellHost: '',
};

export function reducePane(model: PaneModel, event: PaneEvent, ctx: PaneContext): PaneStep {
  switch (event.type) {
    case 'connect':
      return openSocket({ ...model, attempt: 0 }, 'connecting');
    case 'retry-due':
      if (model.state !== 'reconnecting' || model.socket !== 'none') return unchanged(model);
      return openSocket(model, 'reconnecting');
    case 'socket-open':
      return unchanged(model.socket === 'opening' ? { ...model, socket: 'open' } : model);
    case 'output':
      if (model.state !== 'connecting' && model.state !== 'reconnecting') return unchanged(model);
      return shellReady(model, ctx);
    case 'status': {
      const next = event.status.host ? { ...model, shellHost: event.status.host } : model;
      return event.status.state === 'ready' ? shellReady(next, ctx) : unchanged(next);
    }
    case 'exit':
      return enter({ ...model, exitCode: event.code }, 'exited');
    case 'server-error':
      return {
        model: { ...model, serverError: event.message },
        actions: [{ type: 'notice', message: event.message }],
      };
    case 'socket-closed':
      return socketClosed({ ...model, socket: 'none' }, event, ctx);
    case 'network':
      return network(model, event.online);
    case 'close-shell':
      return closeShell(model);
  }
}

const unchanged = (model: PaneModel): PaneStep => ({ model, actions: [] });

/**
 * Moves to `state`: the page hears of it when it changed, and of every reconnect attempt.
 * A close code belongs to 'closed' only; the message is cleared once the shell is ready.
 */
function enter(model: PaneModel, state: PaneState, ...actions: PaneAction[]): PaneStep {
  const report = state !== model.state || state === 'reconnecting';
  const next: PaneModel = { ...model, state };
  if (state !== 'closed') delete next.closeCode;
  if (state === 'ready') next.message = '';
  return { model: next, actions: report ? [{ type: 'report-state' }, ...actions] : actions };
}

/** A new socket: what the previous one said about its shell no longer holds. */
function openSocket(model: PaneModel, state: 'connecting' | 'reconnecting'): PaneStep {
  const fresh = { ...model, socket: 'opening' as const, exitCode: null, serverError: '', shellHost: '' };
  return enter(fresh, state, { type: 'open-socket' });
}

function shellReady(model: PaneModel, ctx: PaneContext): PaneStep {
  if (model.state === 'ready') return unchanged(model);
  const reset = { ...model, attempt: 0 };
  if (!ctx.online) return enter(reset, 'offline', { type: 'shell-ready' });
  return enter(reset, 'ready', { type: 'send-held-input' }, { type: 'shell-ready' });
}

function socketClosed(
  model: PaneModel,
  { code, reason }: { code: number; reason: string },
  ctx: PaneContext,
): PaneStep {
  // The shell's own end was shown already; the socket closing after it says nothing new.
  if (model.state === 'exited') return unchanged(model);
  const m = ctx.messages;
  const closed = (message: string, ...actions: PaneAction[]) =>
    enter({ ...model, closeCode: code, message }, 'closed', ...actions);
  if (code === CloseCode.TakenOver) return closed(reason || m.takenOver);
  const text = closeMessage(code, reason || model.serverError, m.closeReasons, m.connectionFailed);
  switch (closeDisposition(code)) {
    case 'done':
      return closed(reason || model.serverError || m.paneClosedTitle);
    case 'session-gone':
      return closed(text, { type: 'session-gone', code, message: text });
    case 'fatal':
      return closed(text);
    case 'retry': {
      // Offline, a retry would fail at once: wait for the browser's online event instead.
      if (!ctx.online) return enter(model, 'offline');
      if (model.attempt >= MAX_RECONNECT_ATTEMPTS) {
        return closed(reason || model.serverError || m.connectionFailed);
      }
      const attempt = model.attempt + 1;
      const ms = reconnectDelay(attempt, () => ctx.spread);
      return enter({ ...model, attempt }, 'reconnecting', { type: 'retry-after', ms });
    }
  }
}

function network(model: PaneModel, online: boolean): PaneStep {
  if (!online) return model.state === 'ready' ? enter(model, 'offline') : unchanged(model);
  if (model.state !== 'offline') return unchanged(model);
  // The socket may have outlived the outage; else start over with a fresh one.
  if (model.socket === 'open') return enter(model, 'ready');
  return openSocket({ ...model, attempt: 0 }, 'connecting');
}

function closeShell(model: PaneModel): PaneStep {
  const actions: PaneAction[] = [];
  if (model.socket !== 'none') actions.push({ type: 'end-shell', via: 'socket' });
  // Between sockets the server still keeps the shell: a short-lived socket ends it.
  else if (model.state === 'reconnecting' || model.state === 'offline')
    actions.push({ type: 'end-shell', via: 'courier' });
  return enter({ ...model, socket: 'none' }, 'closed', ...actions);
}

// Runs a pane's state machine (pane-state.ts) against a real connection and real timers:
// feeds it what the connection reports, carries out the actions that come back, and tells
// the view what to draw. No DOM, so tests drive it with fake sockets and timers.

import { realTimers, type Timers } from '../../../common/timers';
import {
  initialPaneModel,
  reducePane,
  type PaneAction,
  type PaneEvent,
  type PaneMessages,
  type PaneModel,
} from './pane-state';
import type { ConnectionHandlers, TerminalConnection } from './terminal-connection';

/** What the driver asks of the element that shows the pane. */
export interface PaneView {
  /** The model changed; `report` says the page should hear of the pane's state. */
  render(model: PaneModel, report: boolean): void;
  /** Draws output, then calls `rendered` (the server is told it was drawn). */
  output(data: Uint8Array, rendered: () => void): void;
  /** A reattached shell's screen comes next: start from a clean terminal. */
  replay(): void;
  title(title: string): void;
  notice(message: string): void;
  shellReady(): void;
  sessionGone(code: number, message: string): void;
}

export interface PaneDriverOptions {
  /** A connection for the pane's next socket; the same pane id every time, so the shell comes back. */
  connection(handlers: ConnectionHandlers): TerminalConnection;
  view: PaneView;
  /** Read at each event, so a close is explained in the language of the moment. */
  messages(): PaneMessages;
  /** navigator.onLine by default. */
  online?: () => boolean;
  /** Spread for the reconnect pauses (tests pin it). */
  random?: () => number;
  timers?: Timers;
}

export class PaneDriver {
  private current: PaneModel = initialPaneModel;
  private conn: TerminalConnection | null = null;
  private retryTimer: unknown = undefined;
  /** Text sent before the shell was ready, typed in once it is. */
  private held: string[] = [];
  private readonly timers: Timers;

  constructor(private readonly options: PaneDriverOptions) {
    this.timers = options.timers ?? realTimers;
  }

  get model(): PaneModel {
    return this.current;
  }

  /** The socket in use, if any: keystrokes, sizes and acknowledgements go through it. */
  get connection(): TerminalConnection | null {
    return this.conn;
  }

  dispatch(event: PaneEvent): void {
    const step = reducePane(this.current, event, {
      messages: this.options.messages(),
      online: (this.options.online ?? browserOnline)(),
      spread: (this.options.random ?? Math.random)(),
    });
    const changed = step.model !== this.current;
    this.current = step.model;
    const report = step.actions.some((a) => a.type === 'report-state');
    if (changed || report) this.options.view.render(step.model, report);
    for (const action of step.actions) this.run(action);
  }

  /** Types text into the shell as if the learner had; held until the shell is ready. */
  sendText(text: string): void {
    if (this.current.state === 'ready' && this.conn) this.conn.sendText(text);
    else this.held.push(text);
  }

  /** Lets go of the socket and the pending retry; the shell stays on the server for a while. */
  stop(): void {
    this.timers.clearTimeout(this.retryTimer);
    this.conn?.close();
    this.conn = null;
  }

  private run(action: PaneAction): void {
    switch (action.type) {
      case 'report-state':
        return; // told to the view with the model
      case 'open-socket':
        return this.openSocket();
      case 'retry-after':
        this.timers.clearTimeout(this.retryTimer);
        this.retryTimer = this.timers.setTimeout(() => this.dispatch({ type: 'retry-due' }), action.ms);
        return;
      case 'shell-ready':
        return this.options.view.shellReady();
      case 'send-held-input':
        for (const text of this.held.splice(0)) this.conn?.sendText(text);
        return;
      case 'notice':
        return this.options.view.notice(action.message);
      case 'session-gone':
        return this.options.view.sessionGone(action.code, action.message);
      case 'end-shell':
        return this.endShell(action.via);
    }
  }

  private openSocket(): void {
    this.stop();
    const view = this.options.view;
    const conn: TerminalConnection = this.options.connection({
      open: () => this.from(conn, { type: 'socket-open' }),
      output: (data) => {
        if (this.conn !== conn) return;
        this.dispatch({ type: 'output' });
        view.output(data, () => conn.rendered(data.length));
      },
      status: (status) => this.from(conn, { type: 'status', status }),
      replay: () => {
        if (this.conn === conn) view.replay();
      },
      title: (title) => {
        if (this.conn === conn) view.title(title);
      },
      exit: (code) => this.from(conn, { type: 'exit', code }),
      error: (message) => this.from(conn, { type: 'server-error', message }),
      close: ({ code, reason }) => {
        if (this.conn !== conn) return;
        this.conn = null;
        this.dispatch({ type: 'socket-closed', code, reason });
      },
    });
    this.conn = conn;
    conn.connect();
  }

  /** An event of `conn`, unless a newer socket has taken its place. */
  private from(conn: TerminalConnection, event: PaneEvent): void {
    if (this.conn === conn) this.dispatch(event);
  }

  private endShell(via: 'socket' | 'courier'): void {
    const conn = this.conn;
    this.conn = null;
    this.timers.clearTimeout(this.retryTimer);
    if (via === 'socket') {
      conn?.closePane();
      return;
    }
    this.options.connection({ output: () => undefined }).closePane();
  }
}

const browserOnline = (): boolean => typeof navigator === 'undefined' || navigator.onLine !== false;

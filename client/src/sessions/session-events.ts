// The page's side of the session events socket (common/events.ts): one WebSocket per session
// that brings hosts, ports and lesson progress as they change. It reconnects by itself with
// backoff; a close that means the session is gone stops it for good.
import type { SessionEvent } from '../../../common/events';
import { EVENTS_SUBPROTOCOL, eventsPath } from '../../../common/events';
import { CloseCode, TOKEN_SUBPROTOCOL_PREFIX } from '../../../common/protocol';

/** Backoff between reconnects: doubles from the first to the last. */
const RECONNECT_FIRST_MS = 500;
const RECONNECT_MAX_MS = 10_000;

/** Closes after which reconnecting cannot help. */
const FINAL_CLOSES: ReadonlySet<number> = new Set([
  CloseCode.BadToken,
  CloseCode.UnknownSession,
  CloseCode.SandboxGone,
  CloseCode.ForeignOrigin,
]);

export interface SessionEventsOptions {
  sessionId: string;
  token: string;
  onEvent(event: SessionEvent): void;
  /** Told when the socket is up (true) or down and retrying (false). */
  onConnected?(connected: boolean): void;
  /** Told once when the server says the session is gone. */
  onGone?(reason: string): void;
  /** ws(s)://host of the server; defaults to the page's. */
  origin?: string;
  createSocket?: (url: string, protocols: string[]) => WebSocket;
}

export class SessionEvents {
  private socket: WebSocket | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private delay = RECONNECT_FIRST_MS;
  private disposed = false;

  constructor(private readonly opts: SessionEventsOptions) {
    this.connect();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.socket?.close();
    this.socket = null;
  }

  private connect(): void {
    const origin = this.opts.origin ?? `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}`;
    const create = this.opts.createSocket ?? ((url, protocols) => new WebSocket(url, protocols));
    const ws = create(origin + eventsPath(this.opts.sessionId), [
      EVENTS_SUBPROTOCOL,
      TOKEN_SUBPROTOCOL_PREFIX + this.opts.token,
    ]);
    this.socket = ws;
    ws.onopen = () => {
      this.delay = RECONNECT_FIRST_MS;
      this.opts.onConnected?.(true);
    };
    ws.onmessage = (message) => {
      if (this.socket !== ws || this.disposed || typeof message.data !== 'string') return;
      try {
        this.opts.onEvent(JSON.parse(message.data) as SessionEvent);
      } catch {
        // A malformed event is dropped; the next snapshot brings the state back.
      }
    };
    ws.onclose = (close) => {
      if (this.socket !== ws || this.disposed) return;
      this.socket = null;
      this.opts.onConnected?.(false);
      if (FINAL_CLOSES.has(close.code)) {
        this.opts.onGone?.(close.reason);
        return;
      }
      this.timer = setTimeout(() => this.connect(), this.delay);
      this.delay = Math.min(this.delay * 2, RECONNECT_MAX_MS);
    };
  }
}

// The trainer's class socket (common/workshop-live.ts): the class state first, then each
// learner's change, applied to the grid's model (class-model.ts). It reconnects by itself with
// backoff; a refused key or an unknown workshop stops it.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CloseCode, TOKEN_SUBPROTOCOL_PREFIX } from '../../../common/protocol';
import {
  CLASS_SUBPROTOCOL,
  classSocketPath,
  type ClassEvent,
  type ClassState,
} from '../../../common/workshop-live';
import { applyClassEvent } from './class-model';

const RECONNECT_FIRST_MS = 500;
const RECONNECT_MAX_MS = 10_000;
const FINAL_CLOSES: ReadonlySet<number> = new Set([
  CloseCode.BadToken,
  CloseCode.UnknownSession,
  CloseCode.ForeignOrigin,
]);

export type ClassConnection = 'connecting' | 'live' | 'reconnecting' | 'refused';

export class ClassSocket implements ReactiveController {
  state: ClassState | null = null;
  connection: ClassConnection = 'connecting';
  /** Why the server refused the socket (its close reason). */
  refusal = '';
  private socket: WebSocket | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private delay = RECONNECT_FIRST_MS;
  private target: { code: string; key: string } | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Follows the class of `code` with the trainer `key` (again, if it was already). */
  open(code: string, key: string): void {
    this.close();
    this.target = { code, key };
    this.state = null;
    this.connection = 'connecting';
    this.connect();
  }

  close(): void {
    this.target = null;
    clearTimeout(this.timer);
    const socket = this.socket;
    this.socket = null;
    socket?.close();
  }

  hostConnected(): void {
    if (this.target && !this.socket) this.connect();
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    const socket = this.socket;
    this.socket = null;
    socket?.close();
  }

  private connect(): void {
    const target = this.target;
    if (!target) return;
    const origin = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}`;
    const ws = new WebSocket(origin + classSocketPath(target.code), [
      CLASS_SUBPROTOCOL,
      TOKEN_SUBPROTOCOL_PREFIX + target.key,
    ]);
    this.socket = ws;
    ws.onopen = () => {
      this.delay = RECONNECT_FIRST_MS;
    };
    ws.onmessage = (message) => {
      if (this.socket !== ws || typeof message.data !== 'string') return;
      try {
        this.state = applyClassEvent(this.state, JSON.parse(message.data) as ClassEvent);
        this.connection = 'live';
        this.host.requestUpdate();
      } catch {
        // A malformed message is dropped; a reconnect brings the whole class again.
      }
    };
    ws.onclose = (close) => {
      if (this.socket !== ws) return;
      this.socket = null;
      if (FINAL_CLOSES.has(close.code)) {
        this.connection = 'refused';
        this.refusal = close.reason;
      } else {
        this.connection = 'reconnecting';
        this.timer = setTimeout(() => this.connect(), this.delay);
        this.delay = Math.min(this.delay * 2, RECONNECT_MAX_MS);
      }
      this.host.requestUpdate();
    };
  }
}

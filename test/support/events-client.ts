// A test client for the session events WebSocket: collects every event and waits for one.
import WebSocket from 'ws';
import { EVENTS_SUBPROTOCOL, eventsPath, type SessionEvent } from '../../common/events.js';
import { TOKEN_SUBPROTOCOL_PREFIX } from '../../common/protocol.js';

export class TestEvents {
  readonly events: SessionEvent[] = [];
  private readonly waiters: { match: (e: SessionEvent) => boolean; resolve: (e: SessionEvent) => void }[] =
    [];
  closed: { code: number; reason: string } | null = null;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const event = JSON.parse(String(data)) as SessionEvent;
      this.events.push(event);
      for (const w of [...this.waiters]) {
        if (w.match(event)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(event);
        }
      }
    });
    ws.on('close', (code, reason) => (this.closed = { code, reason: String(reason) }));
  }

  static open(base: string, sessionId: string, token: string): Promise<TestEvents> {
    const ws = new WebSocket(base.replace(/^http/, 'ws') + eventsPath(sessionId), [
      EVENTS_SUBPROTOCOL,
      TOKEN_SUBPROTOCOL_PREFIX + token,
    ]);
    const client = new TestEvents(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
    });
  }

  /** The first event (already received or to come) that matches, within `timeoutMs`. */
  waitFor<T extends SessionEvent>(match: (e: SessionEvent) => e is T, timeoutMs?: number): Promise<T>;
  waitFor(match: (e: SessionEvent) => boolean, timeoutMs?: number): Promise<SessionEvent>;
  waitFor(match: (e: SessionEvent) => boolean, timeoutMs = 30_000): Promise<SessionEvent> {
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching session event in time')), timeoutMs);
      this.waiters.push({
        match,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e);
        },
      });
    });
  }

  close(): void {
    this.ws.close();
  }
}

// A test client for the trainer's class socket: collects every event and waits for one.
import WebSocket from 'ws';
import { TOKEN_SUBPROTOCOL_PREFIX } from '../../common/protocol.js';
import { CLASS_SUBPROTOCOL, classSocketPath, type ClassEvent } from '../../common/workshop-live.js';

export class TestClass {
  readonly events: ClassEvent[] = [];
  private readonly waiters: { match: (e: ClassEvent) => boolean; resolve: (e: ClassEvent) => void }[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const event = JSON.parse(String(data)) as ClassEvent;
      this.events.push(event);
      for (const w of [...this.waiters])
        if (w.match(event)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(event);
        }
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
    );
  }

  /** Opens the class socket of workshop `code` with `key` (none: no token offered). */
  static open(base: string, code: string, key?: string): Promise<TestClass> {
    const protocols = [CLASS_SUBPROTOCOL, ...(key ? [TOKEN_SUBPROTOCOL_PREFIX + key] : [])];
    const ws = new WebSocket(base.replace(/^http/, 'ws') + classSocketPath(code), protocols);
    const client = new TestClass(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
    });
  }

  /** The first event (received already or to come) that matches, within `timeoutMs`. */
  waitFor<T extends ClassEvent>(match: (e: ClassEvent) => e is T, timeoutMs?: number): Promise<T>;
  waitFor(match: (e: ClassEvent) => boolean, timeoutMs?: number): Promise<ClassEvent>;
  waitFor(match: (e: ClassEvent) => boolean, timeoutMs = 30_000): Promise<ClassEvent> {
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching class event in time')), timeoutMs);
      this.waiters.push({
        match,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e);
        },
      });
    });
  }

  /** A learner row that matches, from now on or already received. */
  row(
    learnerId: string,
    match: (l: Extract<ClassEvent, { type: 'learner' }>['learner']) => boolean,
    timeoutMs?: number,
  ) {
    return this.waitFor(
      (e): e is Extract<ClassEvent, { type: 'learner' }> =>
        e.type === 'learner' && e.learner.id === learnerId && match(e.learner),
      timeoutMs,
    );
  }

  close(): void {
    this.ws.close();
  }
}

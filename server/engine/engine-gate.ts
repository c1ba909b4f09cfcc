// Refuses work that needs the engine while the engine is away (restarting, stopped), with
// a 503 that says so, instead of accepting a session whose sandbox can only fail. The
// engine's event stream is the cheap signal: while it is attached the engine is there.
// While it is not, one ping at a time (bounded) decides, so the gate opens as soon as the
// engine answers again, before the event stream's own backoff brings it back.
import { message } from '../../common/messages.js';
import { LearnerRefusal } from '../errors.js';

/** How long a ping may take before the engine counts as away. */
export const ENGINE_PING_MS = 2_000;

export const ENGINE_AWAY_MESSAGE = message('engine-away', {});

export interface EngineGateOptions {
  /** Whether the engine's event stream is attached now. */
  following(): boolean;
  /** Asks the engine; resolves false when it does not answer within ENGINE_PING_MS. */
  ping(): Promise<boolean>;
}

export class EngineGate {
  private pinging: Promise<boolean> | null = null;

  constructor(private readonly options: EngineGateOptions) {}

  /** Throws a 503 LearnerRefusal unless the engine is there. */
  async ensureReachable(): Promise<void> {
    if (this.options.following()) return;
    // Requests arriving during one ping share it: an outage costs one ping in flight.
    this.pinging ??= this.options.ping().finally(() => (this.pinging = null));
    if (!(await this.pinging)) throw new LearnerRefusal(ENGINE_AWAY_MESSAGE, 503);
  }
}

// Follows a sandbox's events across breaks: a stream that ends or cannot start is subscribed
// again after a wait that doubles from 1 s to 30 s, until stop().
import { realTimers, type Timers } from '../../common/timers.js';
import type { DockerEvent } from './event-lines.js';
import type { EventSubscription, SubscribeEvents } from './events.js';

export interface KeptSubscriptionHandlers {
  onEvent(event: DockerEvent): void;
  /** The stream broke (or could not start); another try follows by itself. */
  onEnd(reason: string): void;
  /** A new stream is attached after a break (not called for the first one). */
  onResubscribed?(): void;
}

export interface KeptSubscription {
  stop(): Promise<void>;
}

export const RESUBSCRIBE_FIRST_MS = 1_000;
const RESUBSCRIBE_MAX_MS = 30_000;

/** Subscribes, and again after each break, until stop(). Resolves after the first try. */
export async function keepSubscribed(
  subscribe: SubscribeEvents,
  handlers: KeptSubscriptionHandlers,
  timers: Timers = realTimers,
): Promise<KeptSubscription> {
  let stopped = false;
  let current: EventSubscription | null = null;
  let timer: unknown;
  let delay = RESUBSCRIBE_FIRST_MS;
  const ended = (reason: string) => {
    if (stopped) return;
    current = null;
    handlers.onEnd(reason);
    timers.clearTimeout(timer);
    timer = timers.setTimeout(() => void attach(true), delay);
    delay = Math.min(delay * 2, RESUBSCRIBE_MAX_MS);
  };
  const attach = async (again: boolean) => {
    try {
      const subscription = await subscribe({ onEvent: (e) => !stopped && handlers.onEvent(e), onEnd: ended });
      if (stopped) return void (await subscription.stop());
      current = subscription;
      delay = RESUBSCRIBE_FIRST_MS;
      if (again) handlers.onResubscribed?.();
    } catch (err) {
      ended(`could not follow the sandbox's events: ${(err as Error).message}`);
    }
  };
  await attach(false);
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      timers.clearTimeout(timer);
      const subscription = current;
      current = null;
      await subscription?.stop();
    },
  };
}

// A ready seat's first shell, started ahead. Once a warm session's sandbox is up and its
// images are pulled, the shell of its first pane (named firstPaneId, in the pool's language)
// starts and waits, paused, in the registry. The learner's page names its first pane the
// same way, so their first prompt needs no new shell: on a small machine a class joining at
// once otherwise starts 30 shells together (an exec into each sandbox and a login shell,
// about 0.2 s of CPU each). A ready shell the page does not take (the page speaks another
// language) ends READY_PANE_WAIT_MS after the session is handed over.
import type { Language } from '../../common/lesson.js';
import { firstPaneId, type TerminalSize } from '../../common/protocol.js';
import { logger } from '../log.js';
import type { SessionObserver } from '../sessions/session-state.js';
import type { TerminalBackendFactory } from './backend.js';
import type { TerminalRegistry } from './registry.js';

const log = logger('terminals');

/** The size a ready shell starts at; the page's own size follows as it attaches. */
export const READY_PANE_SIZE: TerminalSize = { cols: 100, rows: 30 };
/** After the hand-over, how long a ready shell waits for the page to take it. */
export const READY_PANE_WAIT_MS = 60_000;

/** A shell in a session host's sandbox, started by the server itself (no learner's token). */
export type ServerShells = (
  sessionId: string,
  host: string,
  paneId: string,
  language: Language,
) => TerminalBackendFactory;

export class ReadyPanes {
  constructor(
    private readonly registry: TerminalRegistry,
    private readonly shells: ServerShells,
    private readonly primaryHost: (sessionId: string) => string,
    /** Whether the session is still warm (not handed over yet). */
    private readonly stillWarm: (sessionId: string) => boolean,
    /** A session with a shell started ahead was handed over: its learner's prompt is coming. */
    private readonly handedOver: (sessionId: string) => void = () => undefined,
  ) {}

  /** Starts the session's first shell ahead; a failure leaves the seat as it was (a log line). */
  async prestart(sessionId: string, language: Language): Promise<void> {
    // Taken before it was prepared (a class joining as its seats start): the page starts its
    // own. One taken while its shell starts is released by the hand-over (the pane is held
    // from the moment it is asked for).
    if (!this.stillWarm(sessionId)) return;
    const host = this.primaryHost(sessionId);
    const paneId = firstPaneId(sessionId, language);
    try {
      await this.registry.prestart(
        sessionId,
        paneId,
        host,
        READY_PANE_SIZE,
        this.shells(sessionId, host, paneId, language),
      );
    } catch (err) {
      log.warn(`session ${sessionId}: no shell started ahead: ${(err as Error).message}`);
    }
  }

  /** A warm session's hosts are announced at its hand-over: from then on its ready shell waits only so long. */
  observer(): SessionObserver {
    return {
      hostReady: (sessionId) => {
        if (this.registry.releaseHeld(sessionId, READY_PANE_WAIT_MS) > 0) this.handedOver(sessionId);
      },
    };
  }
}

// A session this browser has just been handed (it created the session, or took a new
// workshop seat) opens its first pane under firstPaneId: a ready seat's shell was started
// ahead under that name, so the learner's first prompt needs no new shell. A session opened
// any other way (another browser given its token, a seat resumed elsewhere) names its panes
// afresh, so two browsers never take one shell from each other; a reload has its saved layout.
import { firstPaneId, newPaneId } from '../../../common/protocol';
import type { PrefStorage } from './workspace-storage';

const KEY = 'playground.terminal.handedOver';
/** Sessions remembered as handed over and not opened yet: a few suffice. */
const KEPT = 8;

function handedOver(storage: PrefStorage | null): string[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

function keep(storage: PrefStorage | null, ids: string[]): void {
  try {
    storage?.setItem(KEY, JSON.stringify(ids.slice(-KEPT)));
  } catch {
    // Storage refused (private mode, quota): the first pane is then a new shell, as before.
  }
}

/** This browser was just handed `sessionId`. */
export function markHandedOver(storage: PrefStorage | null, sessionId: string): void {
  keep(storage, [...handedOver(storage).filter((id) => id !== sessionId), sessionId]);
}

/**
 * How the panes of a session's first layout are named: the first pane on the first host of a
 * session this browser was handed takes the shell started ahead (once: the mark is used up).
 */
export function firstLayoutIds(
  storage: PrefStorage | null,
  sessionId: string,
  firstHost: string | undefined,
  language: string,
): (index: number, host: string) => string {
  const ids = handedOver(storage);
  const handed = ids.includes(sessionId);
  if (handed)
    keep(
      storage,
      ids.filter((id) => id !== sessionId),
    );
  return (index, host) =>
    handed && index === 0 && host === firstHost ? firstPaneId(sessionId, language) : newPaneId();
}

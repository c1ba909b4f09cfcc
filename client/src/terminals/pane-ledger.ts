// The terminals this browser has in each session, kept in localStorage beside the layout: a
// pane is attached while a page shows its shell, and detached from the moment that page went
// away (closed, or navigated elsewhere). The server keeps a detached pane's shell for its
// grace period, counted against the session's terminal limit, so a page that hits the limit
// can close the oldest detached one rather than a Reconnect that cannot help.
import type { PrefStorage } from './workspace-storage';

interface Entry {
  host: string;
  /** When its page went away (ms since the epoch); absent while a page shows it. */
  detachedAt?: number;
}

type Ledger = Record<string, Entry>;

const ledgerKey = (sessionId: string): string => `playground.panes.${sessionId}`;
/** Ids are ours (newPaneId); anything else in storage is not. */
const PANE_ID = /^[A-Za-z0-9_-]{1,64}$/;

function read(storage: PrefStorage | null, sessionId: string): Ledger {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(ledgerKey(sessionId)) ?? '{}');
    if (!parsed || typeof parsed !== 'object') return {};
    const ledger: Ledger = {};
    for (const [id, v] of Object.entries(parsed as Record<string, Partial<Entry>>)) {
      if (!PANE_ID.test(id) || typeof v?.host !== 'string') continue;
      ledger[id] =
        typeof v.detachedAt === 'number' ? { host: v.host, detachedAt: v.detachedAt } : { host: v.host };
    }
    return ledger;
  } catch {
    return {};
  }
}

function update(storage: PrefStorage | null, sessionId: string, change: (ledger: Ledger) => void): void {
  const ledger = read(storage, sessionId);
  change(ledger);
  try {
    storage?.setItem(ledgerKey(sessionId), JSON.stringify(ledger));
  } catch {
    // Storage full or blocked: the limit's offer is then not made.
  }
}

/** A page shows this pane's shell. */
export function markAttached(
  storage: PrefStorage | null,
  sessionId: string,
  paneId: string,
  host: string,
): void {
  update(storage, sessionId, (ledger) => (ledger[paneId] = { host }));
}

/** The page that showed this pane went away; its shell waits on the server. */
export function markDetached(
  storage: PrefStorage | null,
  sessionId: string,
  paneId: string,
  now: number,
): void {
  update(storage, sessionId, (ledger) => {
    const entry = ledger[paneId];
    if (entry) entry.detachedAt = now;
  });
}

/** The pane's shell was ended. */
export function forgetPane(storage: PrefStorage | null, sessionId: string, paneId: string): void {
  update(storage, sessionId, (ledger) => delete ledger[paneId]);
}

/** The pane detached longest ago, other than `except`; null when there is none. */
export function oldestDetached(
  storage: PrefStorage | null,
  sessionId: string,
  except: string,
): { paneId: string; host: string } | null {
  let oldest: { paneId: string; host: string; at: number } | null = null;
  for (const [paneId, entry] of Object.entries(read(storage, sessionId))) {
    if (paneId === except || entry.detachedAt === undefined) continue;
    if (!oldest || entry.detachedAt < oldest.at) oldest = { paneId, host: entry.host, at: entry.detachedAt };
  }
  return oldest && { paneId: oldest.paneId, host: oldest.host };
}

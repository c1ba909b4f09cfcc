// What the terminal workspace keeps in localStorage: the font size (for every session) and
// each session's pane layout (so a reload brings the same panes back).

import { clampSize, type TerminalSize } from '../../../common/protocol';

export const MIN_FONT_SIZE = 9;
export const MAX_FONT_SIZE = 28;
const FONT_SIZE_KEY = 'playground.terminal.fontSize';

/** The part of localStorage used here (a Map-backed fake stands in for it in tests). */
export interface PrefStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const clampFontSize = (size: number): number =>
  Math.min(MAX_FONT_SIZE, Math.max(MIN_FONT_SIZE, Math.round(size)));

/** The saved font size, or `fallback` when none is saved or it is unreadable. */
export function loadFontSize(storage: PrefStorage | null, fallback: number): number {
  const raw = safely(() => storage?.getItem(FONT_SIZE_KEY) ?? null, null);
  const n = raw === null ? NaN : Number(raw);
  return Number.isFinite(n) && n > 0 ? clampFontSize(n) : fallback;
}

export function saveFontSize(storage: PrefStorage | null, size: number): void {
  safely(() => storage?.setItem(FONT_SIZE_KEY, String(clampFontSize(size))), undefined);
}

/** localStorage key of a session's layout. */
const layoutKey = (sessionId: string): string => `playground.workspace.${sessionId}`;

export const loadLayoutJson = (storage: PrefStorage | null, sessionId: string): string | null =>
  safely(() => storage?.getItem(layoutKey(sessionId)) ?? null, null);

export function saveLayoutJson(storage: PrefStorage | null, sessionId: string, json: string): void {
  safely(() => storage?.setItem(layoutKey(sessionId), json), undefined);
}

/** localStorage key of each pane's last size, by pane id (the most recent PANE_SIZES_KEPT). */
const PANE_SIZES_KEY = 'playground.terminal.paneSizes';
export const PANE_SIZES_KEPT = 32;

function paneSizes(storage: PrefStorage | null): [string, TerminalSize][] {
  const raw = safely(() => storage?.getItem(PANE_SIZES_KEY) ?? null, null);
  const parsed: unknown = raw === null ? null : safely(() => JSON.parse(raw) as unknown, null);
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((entry: unknown) => {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string') return [];
    const size = safely(() => clampSize(entry[1]), null);
    return size ? [[entry[0], size] as [string, TerminalSize]] : [];
  });
}

/** The size pane `paneId` last had in this browser, so a reload gives it that size even when hidden. */
export function loadPaneSize(storage: PrefStorage | null, paneId: string): TerminalSize | null {
  return paneSizes(storage).find(([id]) => id === paneId)?.[1] ?? null;
}

export function savePaneSize(storage: PrefStorage | null, paneId: string, size: TerminalSize): void {
  const others = paneSizes(storage).filter(([id]) => id !== paneId);
  const kept = [...others.slice(-(PANE_SIZES_KEPT - 1)), [paneId, { cols: size.cols, rows: size.rows }]];
  safely(() => storage?.setItem(PANE_SIZES_KEY, JSON.stringify(kept)), undefined);
}

/** Storage can throw (private mode, quota, disabled cookies): preferences are then not kept. */
function safely<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

/** localStorage when the page may use it, else null. */
export function browserPrefStorage(): PrefStorage | null {
  return safely(() => (typeof localStorage === 'undefined' ? null : localStorage), null);
}

// What the terminal workspace keeps in localStorage: the font size (for every session) and
// each session's pane layout (so a reload brings the same panes back).

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

// Copy and paste for terminal panes: which keys mean copy or paste, and the clipboard
// calls, which a browser may refuse (no permission, not a secure page, no user gesture).

/** The parts of a keyboard event that decide a clipboard shortcut. */
export interface KeyLike {
  type: string;
  key: string;
  ctrlKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/**
 * 'copy' for Ctrl+Shift+C (Cmd+C on a Mac, only with a selection, so Cmd+C never reaches the
 * shell as a stray key), 'paste' for Ctrl+Shift+V and Cmd+V, else null. Plain Ctrl+C and
 * Ctrl+V stay the terminal's own keys (interrupt, literal next).
 */
export function clipboardShortcut(
  ev: KeyLike,
  isMac: boolean,
  hasSelection: boolean,
): 'copy' | 'paste' | null {
  if (ev.type !== 'keydown' || ev.altKey) return null;
  const key = ev.key.toLowerCase();
  if (key !== 'c' && key !== 'v') return null;
  const terminalChord = ev.ctrlKey && ev.shiftKey && !ev.metaKey;
  const macChord = isMac && ev.metaKey && !ev.ctrlKey;
  if (!terminalChord && !macChord) return null;
  if (key === 'v') return 'paste';
  return terminalChord || hasSelection ? 'copy' : null;
}

export const isMacPlatform = (): boolean =>
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** Writes text to the clipboard; false when the browser does not allow it. */
export async function writeClipboard(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Reads text from the clipboard; null when the browser does not allow it. */
export async function readClipboard(): Promise<string | null> {
  try {
    if (!navigator.clipboard?.readText) return null;
    return await navigator.clipboard.readText();
  } catch {
    return null;
  }
}

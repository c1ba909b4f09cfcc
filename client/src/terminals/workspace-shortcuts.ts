// The workspace's keyboard shortcuts as plain data: which keys do what, decided without a
// DOM so the rules can be tested. The terminal's own keys (Ctrl-C, Ctrl-V, ...) stay its own.

import type { KeyLike } from './terminal-clipboard';

export type WorkspaceShortcut =
  /** Ctrl/Cmd + '=' or '+'. */
  | 'font-larger'
  /** Ctrl/Cmd + '-'. */
  | 'font-smaller'
  /** Alt + PageDown. */
  | 'next-pane'
  /** Alt + PageUp. */
  | 'previous-pane'
  /** Esc while the new-terminal menu or the remove-host confirmation is open. */
  | 'close-menu';

/** The shortcut a key pressed inside the workspace means, if any. */
export function workspaceShortcut(e: KeyLike, menuOpen: boolean): WorkspaceShortcut | null {
  const mod = e.ctrlKey || e.metaKey;
  if (mod && !e.altKey && (e.key === '=' || e.key === '+')) return 'font-larger';
  if (mod && !e.altKey && !e.shiftKey && e.key === '-') return 'font-smaller';
  if (e.altKey && !mod && e.key === 'PageDown') return 'next-pane';
  if (e.altKey && !mod && e.key === 'PageUp') return 'previous-pane';
  if (e.key === 'Escape' && menuOpen) return 'close-menu';
  return null;
}

/** Esc leaves full screen, wherever the keyboard is. */
export const leavesFullscreen = (e: KeyLike, fullscreen: boolean): boolean =>
  fullscreen && e.key === 'Escape';

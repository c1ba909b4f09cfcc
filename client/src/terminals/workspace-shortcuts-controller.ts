// The terminal workspace's keyboard shortcuts as a lit reactive controller: it listens while
// the workspace is on the page and hands each shortcut (workspace-shortcuts.ts) to the workspace.
// Keys are caught on the way down (capture), before the focused terminal would take them.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { leavesFullscreen, workspaceShortcut, type WorkspaceShortcut } from './workspace-shortcuts';

/** What the controller asks of the workspace. */
export interface ShortcutTarget {
  isMenuOpen(): boolean;
  isFullscreen(): boolean;
  run(shortcut: WorkspaceShortcut | 'leave-fullscreen'): void;
}

export class WorkspaceShortcutsController implements ReactiveController {
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly target: ShortcutTarget,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('keydown', this.onKeydown, true);
    document.addEventListener('keydown', this.onDocumentKeydown, true);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('keydown', this.onKeydown, true);
    document.removeEventListener('keydown', this.onDocumentKeydown, true);
  }

  private readonly onKeydown = (e: KeyboardEvent): void => {
    const shortcut = workspaceShortcut(e, this.target.isMenuOpen());
    if (!shortcut) return;
    // Esc closing the menu is kept from the terminal, not from the browser.
    if (shortcut !== 'close-menu') e.preventDefault();
    e.stopPropagation();
    this.target.run(shortcut);
  };

  /** Full screen covers the page, so its Esc is heard page-wide and never reaches the shell. */
  private readonly onDocumentKeydown = (e: KeyboardEvent): void => {
    if (!leavesFullscreen(e, this.target.isFullscreen())) return;
    e.preventDefault();
    e.stopPropagation();
    this.target.run('leave-fullscreen');
  };
}

// Copy and paste for a terminal pane: selecting copies, right-click pastes, and the copy and
// paste keys of terminal-clipboard.ts. When the browser refuses the clipboard, a short hint
// says how to do it instead; the host shows `hint` and re-renders when it changes.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Terminal } from '@xterm/xterm';
import { clipboardShortcut, isMacPlatform, readClipboard, writeClipboard } from './terminal-clipboard';

/** A selection is copied once it has stopped changing this long. */
const COPY_ON_SELECT_MS = 150;
const HINT_MS = 4000;

export interface ClipboardHost extends ReactiveControllerHost {
  /** Pastes text into the shell as xterm does. */
  paste(text: string): void;
}

export interface ClipboardWords {
  copyBlocked: string;
  pasteBlocked: string;
}

export class ClipboardController implements ReactiveController {
  /** How to copy or paste by hand, after the browser refused; '' when nothing to say. */
  hint = '';
  private term: Terminal | null = null;
  private releases: Array<() => void> = [];
  private hintTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly isMac = isMacPlatform();

  constructor(
    private readonly host: ClipboardHost,
    private readonly words: () => ClipboardWords,
  ) {
    host.addController(this);
  }

  /** Copies what `term` selects and pastes on a right-click in `element` (the terminal's box). */
  attach(term: Terminal, element: HTMLElement): void {
    this.detach();
    this.term = term;
    let copyTimer: ReturnType<typeof setTimeout> | undefined;
    const selection = term.onSelectionChange(() => {
      clearTimeout(copyTimer);
      copyTimer = setTimeout(() => {
        const text = term.getSelection();
        if (text) void writeClipboard(text);
      }, COPY_ON_SELECT_MS);
    });
    const onContextMenu = (ev: MouseEvent) => {
      ev.preventDefault();
      void this.pasteFromClipboard();
    };
    element.addEventListener('contextmenu', onContextMenu);
    this.releases.push(() => {
      clearTimeout(copyTimer);
      selection.dispose();
      element.removeEventListener('contextmenu', onContextMenu);
    });
  }

  detach(): void {
    for (const release of this.releases.splice(0)) release();
    clearTimeout(this.hintTimer);
    this.term = null;
  }

  hostDisconnected(): void {
    this.detach();
  }

  /**
   * True for a copy or paste key, which must not reach the shell. A copy is done here; a paste
   * goes on to the browser's own paste event, which xterm handles.
   */
  handlesKey(ev: KeyboardEvent): boolean {
    const action = clipboardShortcut(ev, this.isMac, this.term?.hasSelection() ?? false);
    if (action === 'copy') {
      ev.preventDefault();
      void this.copySelection();
    }
    return action !== null;
  }

  /** Copies the selection to the clipboard; false when there is none or the browser refused. */
  async copySelection(): Promise<boolean> {
    const text = this.term?.getSelection() ?? '';
    if (!text) return false;
    const ok = await writeClipboard(text);
    if (!ok) this.showHint(this.words().copyBlocked);
    return ok;
  }

  /** Pastes what the clipboard holds; shows how to paste instead when reading is not allowed. */
  async pasteFromClipboard(): Promise<void> {
    const text = await readClipboard();
    if (text === null) this.showHint(this.words().pasteBlocked);
    else if (text) this.host.paste(text);
  }

  private showHint(text: string): void {
    this.hint = text;
    this.host.requestUpdate();
    clearTimeout(this.hintTimer);
    this.hintTimer = setTimeout(() => {
      this.hint = '';
      this.host.requestUpdate();
    }, HINT_MS);
  }
}

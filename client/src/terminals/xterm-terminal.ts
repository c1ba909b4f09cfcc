// The xterm.js terminal a pane shows, made with the playground's look, and its text read
// back. Apart from the pane so the terminal's options read in one place.

import { Terminal } from '@xterm/xterm';
import { terminalFontFamily, terminalTheme } from './terminal-theme';

/** A terminal with input off until its shell is ready (the pane turns it on). */
/** A pane's terminal; `scrollback` follows the server's history setting. */
export function newTerminal(fontSize: number, scrollback: number): Terminal {
  return new Terminal({
    fontFamily: terminalFontFamily,
    fontSize,
    lineHeight: 1.15,
    theme: terminalTheme,
    cursorBlink: true,
    scrollback,
    allowProposedApi: false,
    disableStdin: true,
    macOptionIsMeta: true,
    // Right-click pastes (see ClipboardController); selecting copies.
    rightClickSelectsWord: false,
  });
}

/** The active buffer's lines joined with "\n", trailing blank lines left out. */
export function bufferText(term: Terminal): string {
  const buffer = term.buffer.active;
  const lines: string[] = [];
  for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

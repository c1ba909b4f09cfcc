// Keeps a pane's terminal fitted to its box: refits when the box changes size, follows the
// viewport's font size unless the pane has one of its own, and leaves a collapsed or hidden
// pane at its last size. xterm's onResize then tells the server the new size.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import type { TerminalSize } from '../../../common/protocol';
import { terminalFontSize } from './terminal-theme';

/** Below these, a pane is taken as collapsed or hidden rather than really that small. */
const MIN_FIT_COLS = 10;
const MIN_FIT_ROWS = 3;
const RESIZE_DEBOUNCE_MS = 60;
const DEFAULT_SIZE: TerminalSize = { cols: 80, rows: 24 };

export interface FitHost extends ReactiveControllerHost {
  /** Font size in px; 0 follows the viewport. */
  readonly fontSize: number;
}

/** Where a pane's last size is kept, so a reload gives a hidden pane the size it had. */
export interface SizeMemory {
  load(): TerminalSize | null;
  save(size: TerminalSize): void;
}

export class FitController implements ReactiveController {
  private term: Terminal | null = null;
  private addon: FitAddon | null = null;
  private releases: Array<() => void> = [];

  constructor(
    private readonly host: FitHost,
    private readonly memory: SizeMemory | null = null,
  ) {
    host.addController(this);
  }

  /** The font size a terminal should have now. */
  get fontSize(): number {
    return this.host.fontSize > 0 ? this.host.fontSize : terminalFontSize(window.innerWidth);
  }

  /** Fits `term` to `element`, now and whenever the element or the viewport changes size. */
  attach(term: Terminal, element: HTMLElement): void {
    this.detach();
    const addon = new FitAddon();
    term.loadAddon(addon);
    this.term = term;
    this.addon = addon;
    // A pane that cannot be measured yet (a background tab) starts at its last size.
    const last = this.memory?.load();
    if (last && (last.cols !== term.cols || last.rows !== term.rows)) term.resize(last.cols, last.rows);
    const remember = term.onResize((size) => this.memory?.save(size));
    let resizeTimer: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver(() => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => this.fit(), RESIZE_DEBOUNCE_MS);
    });
    observer.observe(element);
    const onViewport = () => this.applyFontSize();
    window.addEventListener('resize', onViewport);
    this.releases.push(() => {
      remember.dispose();
      clearTimeout(resizeTimer);
      observer.disconnect();
      window.removeEventListener('resize', onViewport);
    });
  }

  detach(): void {
    for (const release of this.releases.splice(0)) release();
    this.term = null;
    this.addon = null;
  }

  hostDisconnected(): void {
    this.detach();
  }

  /** Gives the terminal the font size of the moment, and refits it if that changed. */
  applyFontSize(): void {
    const term = this.term;
    const size = this.fontSize;
    if (!term || term.options.fontSize === size) return;
    term.options.fontSize = size;
    this.fit();
  }

  /** Fits the terminal to the pane, unless the pane is collapsed. */
  fit(): void {
    const term = this.term;
    const addon = this.addon;
    if (!term || !addon) return;
    const dims = addon.proposeDimensions();
    if (!dims || !Number.isFinite(dims.cols) || !Number.isFinite(dims.rows)) return;
    // A pane collapsed or hidden by its layout (a phone's other tab) keeps its last size:
    // fitting it to a sliver would rewrap the shell's screen into a few columns.
    if (dims.cols < MIN_FIT_COLS || dims.rows < MIN_FIT_ROWS) return;
    if (dims.cols !== term.cols || dims.rows !== term.rows) addon.fit();
  }

  /**
   * The fitted size, for a new socket's first frame. A pane that cannot be measured (hidden)
   * keeps the size it last had, remembered across reloads; 80x24 if it never had one.
   */
  size(): TerminalSize {
    this.fit();
    const term = this.term;
    if (!term) return this.memory?.load() ?? DEFAULT_SIZE;
    return { cols: term.cols, rows: term.rows };
  }
}

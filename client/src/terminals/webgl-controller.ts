// The WebGL renderer of a terminal pane. Browsers keep about 16 WebGL contexts in all, so
// only a shown pane holds one: it is handed back when the pane is hidden or goes away. A
// pane whose context was lost (too many contexts, a GPU reset) or that cannot have one
// draws with xterm's DOM renderer from then on.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { IDisposable, Terminal } from '@xterm/xterm';
import { WebglAddon } from '@xterm/addon-webgl';

export interface WebglHost extends ReactiveControllerHost {
  /** Only shown panes hold a WebGL context. */
  readonly visible: boolean;
  /** 'dom' never tries WebGL. */
  readonly renderer: 'auto' | 'dom';
}

export class WebglController implements ReactiveController {
  private term: Terminal | null = null;
  private addon: WebglAddon | null = null;
  private lossSub: IDisposable | null = null;
  /** WebGL failed once: this pane stays on the DOM renderer. */
  private failed = false;

  constructor(private readonly host: WebglHost) {
    host.addController(this);
  }

  /** The renderer in use: 'webgl' or 'dom'. */
  get inUse(): 'webgl' | 'dom' {
    return this.addon ? 'webgl' : 'dom';
  }

  /** Draws `term` with WebGL while the pane is shown. */
  attach(term: Terminal): void {
    this.term = term;
    this.load();
  }

  /** Hands the context back; call before the terminal is disposed. */
  detach(): void {
    this.release();
    this.term = null;
  }

  /** Follows the pane being shown or hidden. */
  hostUpdated(): void {
    if (!this.term) return;
    if (this.host.visible) this.load();
    else this.release();
  }

  hostDisconnected(): void {
    this.detach();
  }

  /** Gives a shown pane the WebGL renderer, unless it is off, failed, or already there. */
  private load(): void {
    const term = this.term;
    if (!term || this.addon || !this.host.visible || this.failed || this.host.renderer === 'dom') return;
    let addon: WebglAddon;
    try {
      addon = new WebglAddon();
      term.loadAddon(addon);
    } catch (err) {
      console.info('WebGL renderer unavailable, using the DOM renderer', err);
      this.failed = true;
      return;
    }
    this.addon = addon;
    this.lossSub = addon.onContextLoss(() => {
      console.info('WebGL context lost, using the DOM renderer');
      this.failed = true;
      this.drop();
    });
  }

  private drop(): void {
    const addon = this.addon;
    this.addon = null;
    this.lossSub?.dispose();
    this.lossSub = null;
    addon?.dispose();
  }

  /** Hands the WebGL context back and draws with the DOM. */
  private release(): void {
    if (!this.addon) return;
    // Disposing the addon does not free its context; give it back to the browser first.
    for (const canvas of Array.from(this.term?.element?.querySelectorAll('canvas') ?? [])) {
      const gl = canvas.getContext('webgl2');
      gl?.getExtension('WEBGL_lose_context')?.loseContext();
    }
    this.drop();
  }
}

// The WebGL renderer of a terminal pane. Browsers keep about 16 WebGL contexts in all, so
// only a shown pane holds one: it is handed back when the pane is hidden or goes away. A
// pane whose context was lost (too many contexts, a GPU reset), that cannot have one, or
// whose canvas cannot show the whole terminal (webgl-canvas.ts; checked after each render
// that follows a change of size) draws with xterm's DOM renderer from then on.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { IDisposable, Terminal } from '@xterm/xterm';
import { WebglAddon } from '@xterm/addon-webgl';
import { canvasDrawsWholeBox } from './webgl-canvas';

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
  private renderSub: IDisposable | null = null;
  /** The canvas size last found drawable ("width x height"), so a render checks only a new one. */
  private checkedSize = '';
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
    this.renderSub = term.onRender(() => this.checkCanvas(addon));
  }

  /** The canvas xterm's WebGL renderer draws into (the link layer is a 2D canvas beside it). */
  private canvas(): HTMLCanvasElement | null {
    return (
      this.term?.element?.querySelector<HTMLCanvasElement>('.xterm-screen > canvas:not(.xterm-link-layer)') ??
      null
    );
  }

  /** After a render: a canvas that cannot show the whole terminal hands over to the DOM renderer. */
  private checkCanvas(addon: WebglAddon): void {
    const canvas = this.canvas();
    if (!canvas || addon !== this.addon) return;
    const size = `${canvas.width}x${canvas.height}`;
    if (size === this.checkedSize) return;
    const box = {
      width: parseFloat(canvas.style.width) || canvas.clientWidth,
      height: parseFloat(canvas.style.height) || canvas.clientHeight,
    };
    const gl = canvas.getContext('webgl2');
    const dims = gl?.getParameter(gl.MAX_VIEWPORT_DIMS) as Int32Array | null | undefined;
    const geometry = {
      buffer: { width: canvas.width, height: canvas.height },
      box,
      devicePixelRatio: window.devicePixelRatio || 1,
      ...(dims ? { maxViewport: [dims[0]!, dims[1]!] as const } : {}),
    };
    if (canvasDrawsWholeBox(geometry)) {
      this.checkedSize = size;
      return;
    }
    console.info('WebGL cannot show this terminal whole, using the DOM renderer', geometry);
    this.failed = true;
    // Not from inside the renderer's own event: swap renderers once it has returned.
    setTimeout(() => {
      if (addon !== this.addon) return;
      this.release();
      this.term?.refresh(0, this.term.rows - 1);
    });
  }

  private drop(): void {
    const addon = this.addon;
    this.addon = null;
    this.checkedSize = '';
    this.lossSub?.dispose();
    this.lossSub = null;
    this.renderSub?.dispose();
    this.renderSub = null;
    addon?.dispose();
  }

  /** Hands the WebGL context back and draws with the DOM. */
  private release(): void {
    if (!this.addon) return;
    // Disposing the addon does not free its context; give it back to the browser first.
    this.canvas()?.getContext('webgl2')?.getExtension('WEBGL_lose_context')?.loseContext();
    this.drop();
  }
}

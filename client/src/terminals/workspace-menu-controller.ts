// The workspace's one open menu (new pane on a host, or confirm removing a host) as a lit
// reactive controller: a press anywhere outside an element marked data-keeps-menu closes it.

import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type WorkspaceMenu = 'new' | { remove: string } | null;

export class WorkspaceMenuController implements ReactiveController {
  private open: WorkspaceMenu = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  get menu(): WorkspaceMenu {
    return this.open;
  }

  set menu(next: WorkspaceMenu) {
    if (next === this.open) return;
    this.open = next;
    this.host.requestUpdate();
  }

  /** The host whose removal waits for the learner's confirmation, if any. */
  get removing(): string | null {
    return typeof this.open === 'object' && this.open ? this.open.remove : null;
  }

  hostConnected(): void {
    document.addEventListener('pointerdown', this.onPointerDown);
  }

  hostDisconnected(): void {
    document.removeEventListener('pointerdown', this.onPointerDown);
  }

  private readonly onPointerDown = (e: PointerEvent): void => {
    if (!this.open) return;
    const inside = e
      .composedPath()
      .some((el) => el instanceof HTMLElement && el.dataset['keepsMenu'] !== undefined);
    if (!inside) this.menu = null;
  };
}

// One open popup of a component (a menu, or a small confirmation) as a lit reactive
// controller: Escape closes it, and so does a press anywhere outside the elements it keeps.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class PopupController<T> implements ReactiveController {
  private value: T | null = null;

  /** `keeps(el)` says whether a press on `el` (or inside it) leaves the popup open. */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly keeps: (el: HTMLElement) => boolean,
  ) {
    host.addController(this);
  }

  /** The open popup, if any. */
  get open(): T | null {
    return this.value;
  }

  set open(next: T | null) {
    if (next === this.value) return;
    this.value = next;
    this.host.requestUpdate();
  }

  /** Opens `which`, or closes it when it is already open. */
  toggle(which: T): void {
    this.open = this.value === which ? null : which;
  }

  close(): void {
    this.open = null;
  }

  hostConnected(): void {
    document.addEventListener('keydown', this.onKeydown);
    document.addEventListener('pointerdown', this.onPointerDown);
  }

  hostDisconnected(): void {
    document.removeEventListener('keydown', this.onKeydown);
    document.removeEventListener('pointerdown', this.onPointerDown);
  }

  private readonly onKeydown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape' || this.value === null) return;
    this.close();
    e.stopPropagation();
  };

  private readonly onPointerDown = (e: PointerEvent): void => {
    if (this.value === null) return;
    const inside = e.composedPath().some((el) => el instanceof HTMLElement && this.keeps(el));
    if (!inside) this.close();
  };
}

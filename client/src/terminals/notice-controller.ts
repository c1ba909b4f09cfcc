// A short notice from the server (e.g. the shell was taken over) as a lit reactive
// controller: shown for a while, then gone; its timer ends with the element.

import type { ReactiveController, ReactiveControllerHost } from 'lit';

const NOTICE_MS = 8000;

export class NoticeController implements ReactiveController {
  private current = '';
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** The notice shown now, '' when none. */
  get text(): string {
    return this.current;
  }

  show(message: string): void {
    this.set(message);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.set(''), NOTICE_MS);
  }

  /** Stops the timer (the pane is disposed). */
  stop(): void {
    clearTimeout(this.timer);
  }

  hostConnected(): void {}

  private set(message: string): void {
    if (message === this.current) return;
    this.current = message;
    this.host.requestUpdate();
  }
}

// The page's clock as a lit reactive controller: the time the page shows (time left, the
// kept sandbox's age), moved on every while the page is on screen, each tick handed on.

import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class ClockController implements ReactiveController {
  /** The time the page renders with. */
  now = Date.now();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly everyMs: number,
    private readonly onTick: (now: number) => void,
  ) {
    host.addController(this);
  }

  /** Moves the clock to now (the page's state moved). */
  update(): void {
    this.now = Date.now();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.timer = setInterval(() => {
      this.update();
      this.onTick(this.now);
    }, this.everyMs);
  }

  hostDisconnected(): void {
    clearInterval(this.timer);
  }
}

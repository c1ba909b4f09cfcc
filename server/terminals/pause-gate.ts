// A backend's output is read only while nobody holds it back. Several independent reasons
// can (the browser is behind, no socket is attached); the
// stream is paused while any of them holds and resumed when the last one lets go.

export type PauseReason = 'socket' | 'detached';

export class PauseGate {
  private readonly held = new Set<PauseReason>();

  constructor(
    private readonly pause: () => void,
    private readonly resume: () => void,
  ) {}

  get paused(): boolean {
    return this.held.size > 0;
  }

  hold(reason: PauseReason): void {
    if (this.held.has(reason)) return;
    this.held.add(reason);
    if (this.held.size === 1) this.pause();
  }

  release(reason: PauseReason): void {
    if (!this.held.delete(reason)) return;
    if (this.held.size === 0) this.resume();
  }
}

// The terminals' font size as a lit reactive controller: the learner's choice, kept in this
// browser; 0 until they choose, which fits the size to the window.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { terminalFontSize } from './terminal-theme';
import { browserPrefStorage, clampFontSize, loadFontSize, saveFontSize } from './workspace-storage';

export class FontSizeController implements ReactiveController {
  size = loadFontSize(browserPrefStorage(), 0);

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** One step larger or smaller, from the fitted size when none was chosen yet. */
  step(step: 1 | -1): void {
    const base = this.size > 0 ? this.size : terminalFontSize(window.innerWidth);
    const next = clampFontSize(base + step);
    saveFontSize(browserPrefStorage(), next);
    if (next === this.size) return;
    this.size = next;
    this.host.requestUpdate();
  }
}

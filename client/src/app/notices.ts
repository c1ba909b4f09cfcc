// Passing messages in the page's corner (a step script that failed, a command that could not
// run): the latest three, each shown for a few seconds.
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';

/** How long a notice stays on screen. */
const SHOWN_MS = 8000;
const MAX_SHOWN = 3;

export interface Notice {
  id: number;
  level: string;
  message: string;
}

export class Notices {
  private shown: Notice[] = [];
  private counter = 0;

  constructor(private readonly host: ReactiveControllerHost) {}

  notify(level: string, message: string): void {
    const id = ++this.counter;
    this.show([...this.shown, { id, level, message }].slice(-MAX_SHOWN));
    setTimeout(() => this.show(this.shown.filter((n) => n.id !== id)), SHOWN_MS);
  }

  render(): TemplateResult | typeof nothing {
    if (!this.shown.length) return nothing;
    return html`<div class="notices" role="status" aria-live="polite">
      ${this.shown.map((n) => html`<div class="toast" data-level=${n.level}>${n.message}</div>`)}
    </div>`;
  }

  private show(notices: Notice[]): void {
    this.shown = notices;
    this.host.requestUpdate();
  }
}

// What a learner's page shows beside its terminal when its session holds a workshop seat:
// the trainer's presence (watching, asking to type, typing) and the "Follow the trainer" pane.
// Kept here, not in the page, so the page only routes the session's workshop events to it.
import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import type { SessionEvent } from '../../../common/events';
import type { SeatInfo, TrainerPresence } from '../../../common/workshop-live';
import './follow-trainer';
import './trainer-presence-banner';

/** The workshop's part of a learner's page, as its session events tell it. */
export interface SeatView {
  presence: TrainerPresence;
  seat: SeatInfo | null;
}

export const noSeat: SeatView = { presence: 'none', seat: null };

/** The view after a session event (unchanged for events that are not about the workshop). */
export function seatViewAfter(view: SeatView, event: SessionEvent): SeatView {
  if (event.type === 'trainer') return { ...view, presence: event.presence };
  if (event.type === 'workshop') return { ...view, seat: event.seat };
  return view;
}

/** The banner over the terminal and the follow pane under it; nothing outside a workshop. */
export function seatExtras(
  view: SeatView,
  session: { id: string; token: string } | null,
): { above: TemplateResult | typeof nothing; below: TemplateResult | typeof nothing } {
  if (!session) return { above: nothing, below: nothing };
  const above =
    view.presence === 'none'
      ? nothing
      : html`<trainer-presence-banner
          session-id=${session.id}
          presence=${view.presence}
          .token=${session.token}
        ></trainer-presence-banner>`;
  const below = view.seat?.demoTerminals.length
    ? html`<follow-trainer
        code=${view.seat.code}
        .token=${session.token}
        .terminals=${view.seat.demoTerminals}
      ></follow-trainer>`
    : nothing;
  return { above, below };
}

/**
 * The seat's view as a lit reactive controller, so the page only hands it the session's
 * workshop events and renders what it gives back.
 */
export class SeatExtrasController implements ReactiveController {
  private view: SeatView = noSeat;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** A session event that may be about the workshop (the trainer's presence, the seat). */
  accept(event: SessionEvent): void {
    this.set(seatViewAfter(this.view, event));
  }

  /** A new sandbox holds no seat until its events say so. */
  reset(): void {
    this.set(noSeat);
  }

  render(session: { id: string; token: string } | null): ReturnType<typeof seatExtras> {
    return seatExtras(this.view, session);
  }

  private set(next: SeatView): void {
    if (next === this.view) return;
    this.view = next;
    this.host.requestUpdate();
  }
}

// What a learner's page shows beside its terminal when its session holds a workshop seat:
// the trainer's presence (watching, asking to type, typing) and the "Follow the trainer" pane.
import { html, nothing, type TemplateResult } from 'lit';
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

// When a workshop's seats get sandboxes: pure, so the schedule is tested with a made-up clock.
//
//   start - lead         start          start + unclaimed        end
//   ──────┼───────────────┼───────────────────┼────────────────────┼──────
//   no seats yet │ ready seats, refilled while seats remain │ cold starts only │ none

export interface SeatPlanInput {
  now: number;
  startsAt: number;
  endsAt: number;
  ended: boolean;
  seats: number;
  /** Learners holding a session. */
  seated: number;
  /** Ready seats held (starting or ready). */
  ready: number;
  /** PLAYGROUND_SEATS_LEAD_MINUTES */
  leadMs: number;
  /** PLAYGROUND_SEATS_UNCLAIMED_MINUTES */
  unclaimedMs: number;
}

export interface SeatPlan {
  /** A join now gets a session (a ready seat, or a cold start). */
  open: boolean;
  /** Ready seats to start now (before the machine's limits have their say). */
  start: number;
  /** Remove every ready seat nobody took. */
  drain: boolean;
}

export function seatPlan(p: SeatPlanInput): SeatPlan {
  if (p.ended || p.now >= p.endsAt) return { open: false, start: 0, drain: true };
  if (p.now < p.startsAt - p.leadMs) return { open: false, start: 0, drain: false };
  if (p.now >= p.startsAt + p.unclaimedMs) return { open: true, start: 0, drain: true };
  return { open: true, start: Math.max(0, p.seats - p.seated - p.ready), drain: false };
}

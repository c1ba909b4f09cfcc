// What this browser keeps of its workshops: a learner's resume token per join code (so the
// same browser rejoins its seat; localStorage), and a trainer's key per code (for this tab
// only; sessionStorage), read from the trainer link's fragment and never put in a URL again.
import { normalizeJoinCode } from '../../../common/workshops';
import type { StorageLike } from '../sessions/token-store';

const SEATS_KEY = 'docker-playground.workshop-seats.v1';
const TRAINER_KEY = (code: string) => `docker-playground.trainer-key.${code}`;
/** Bounds what is read back: a resume token or key is short; a name fits the grid. */
const MAX_SECRET = 200;
const MAX_SEATS_KEPT = 20;

export interface KeptSeat {
  resumeToken: string;
  name: string;
}

type Seats = Record<string, KeptSeat>;

export class SeatStore {
  constructor(private readonly storage: StorageLike | null) {}

  get(code: string): KeptSeat | null {
    return this.read()[code] ?? null;
  }

  save(code: string, seat: KeptSeat): void {
    const seats = this.read();
    delete seats[code];
    seats[code] = seat;
    // The newest few: a browser does not collect seats of every class it was in.
    const kept = Object.entries(seats).slice(-MAX_SEATS_KEPT);
    this.write(Object.fromEntries(kept));
  }

  forget(code: string): void {
    const seats = this.read();
    delete seats[code];
    this.write(seats);
  }

  private read(): Seats {
    let raw: string | null = null;
    try {
      raw = this.storage?.getItem(SEATS_KEY) ?? null;
    } catch {
      return {};
    }
    if (!raw) return {};
    try {
      const parsed = JSON.parse(raw) as unknown;
      const seats: Seats = {};
      if (!parsed || typeof parsed !== 'object') return seats;
      for (const [code, v] of Object.entries(parsed as Record<string, Partial<KeptSeat>>)) {
        if (normalizeJoinCode(code) !== code || !v || typeof v !== 'object') continue;
        if (typeof v.resumeToken !== 'string' || v.resumeToken.length > MAX_SECRET) continue;
        seats[code] = { resumeToken: v.resumeToken, name: typeof v.name === 'string' ? v.name : '' };
      }
      return seats;
    } catch {
      return {};
    }
  }

  private write(seats: Seats): void {
    try {
      if (Object.keys(seats).length) this.storage?.setItem(SEATS_KEY, JSON.stringify(seats));
      else this.storage?.removeItem(SEATS_KEY);
    } catch {
      // Storage full or blocked: the seat still works; the resume link brings it back.
    }
  }
}

export class TrainerKeys {
  constructor(private readonly storage: StorageLike | null) {}

  get(code: string): string | null {
    try {
      const key = this.storage?.getItem(TRAINER_KEY(code)) ?? null;
      return key && key.length <= MAX_SECRET ? key : null;
    } catch {
      return null;
    }
  }

  save(code: string, key: string): void {
    try {
      this.storage?.setItem(TRAINER_KEY(code), key);
    } catch {
      // Not kept: the trainer link still opens the page.
    }
  }
}

/** The tab's sessionStorage, or null where it is unavailable. */
export function tabStorage(): StorageLike | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

/** The personal link back to a seat: the resume token rides in the fragment. */
export const resumeUrl = (origin: string, code: string, resumeToken: string): string =>
  `${origin}/#/join/${code}?resume=${encodeURIComponent(resumeToken)}`;

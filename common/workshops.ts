// Workshops as the JSON API speaks of them (server/workshops/), and the join code's form,
// which the start page checks as the learner types. A trainer's key and a learner's resume
// token are bearer secrets: they travel in `Authorization: Bearer`, the request body, or a
// URL fragment (never sent to a server), never in a path or query.
import type { CreatedSession } from './api.js';
import type { Language } from './lesson.js';

/**
 * The join code's letters: Crockford's base32 (no I, L, O, U) without 0 and 1, so no two
 * letters look alike on a projector or a phone (0/O, 1/I/l, U/V). 30 letters.
 */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 30^8 ≈ 6.6 × 10^11 codes: guessing a live one is bounded in docs/security.md. */
export const JOIN_CODE_LENGTH = 8;

/** Most characters of a learner's display name (what fits a row of the trainer's grid). */
export const DISPLAY_NAME_MAX = 40;
/** Most characters of a workshop's title. */
export const WORKSHOP_TITLE_MAX = 120;

const CODE = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);

/** The code as typed (any case, spaces or dashes between groups) in its one form, or null. */
export function normalizeJoinCode(typed: string): string | null {
  const code = typed.replace(/[\s-]/g, '').toUpperCase();
  return CODE.test(code) ? code : null;
}

/** The page a learner joins from (the client's hash route). */
export const joinHash = (code: string): string => `#/join/${code}`;

/** The trainer's page: the key rides in the fragment, which browsers never send. */
export const trainerHash = (code: string, key: string): string => `#/trainer/${code}?key=${key}`;

/** GET /api/workshops: what the create page needs to know before it asks. */
export interface WorkshopCreation {
  /** PLAYGROUND_WORKSHOP_KEY is set: creating needs it (as `Authorization: Bearer`). */
  keyRequired: boolean;
}

/** Body of POST /api/workshops. */
export interface CreateWorkshopRequest {
  title: string;
  /** Lesson ids in the order the class takes them; empty (or left out) for free play. */
  lessons?: string[];
  seats: number;
  /** ISO time; now when left out. */
  startsAt?: string;
  durationMinutes: number;
  language?: Language;
}

/** What anyone with the code may know: no learners, no key. */
export interface WorkshopInfo {
  code: string;
  title: string;
  language: Language;
  lessons: string[];
  /** ISO times. */
  startsAt: string;
  endsAt: string;
  seats: number;
  seatsLeft: number;
  /** The trainer ended it: no more joins; results stay. */
  ended: boolean;
}

/** Answer to POST /api/workshops: the only time the trainer key is shown. */
export interface CreatedWorkshop {
  workshop: WorkshopInfo;
  joinCode: string;
  /** For learners: the projector, the QR code. */
  joinUrl: string;
  /** For the trainer alone: holds the key in its fragment. */
  trainerUrl: string;
  trainerKey: string;
}

/** Body of POST /api/workshops/:code/join: a name for a new seat, or a resume token to rejoin. */
export interface JoinWorkshopRequest {
  name?: string;
  resumeToken?: string;
}

/** Answer to a join: keep the resume token to come back to the same seat. */
export interface JoinedWorkshop {
  learnerId: string;
  seat: number;
  name: string;
  resumeToken: string;
  /** The resume token was known: this is the learner's seat from before. */
  rejoined: boolean;
  workshop: WorkshopInfo;
  /**
   * The seat's sandbox session and its token, once the seat has one (a ready seat is handed
   * over at once; before seats are started it is null and the page joins again at the start).
   */
  session: CreatedSession | null;
}

/** One taken seat, as the trainer sees it. */
export interface LearnerView {
  id: string;
  seat: number;
  name: string;
  /** ISO time. */
  joinedAt: string;
  /** The seat's sandbox session, once one is assigned. */
  sessionId: string | null;
}

/** Answer to GET /api/workshops/:code/learners (trainer key). */
export interface WorkshopLearners {
  workshop: WorkshopInfo;
  learners: LearnerView[];
}

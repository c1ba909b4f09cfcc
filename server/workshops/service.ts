// Workshops: a trainer creates one (a join code for the class, a secret key for themself),
// learners take its seats with the code and a name, the trainer lists them and ends it.
// Stored in the database (store.ts), so all of it survives a restart.
import { randomBytes } from 'node:crypto';
import type { Language } from '../../common/lesson.js';
import { DISPLAY_NAME_MAX, normalizeJoinCode } from '../../common/workshops.js';
import type { Db } from '../db/database.js';
import { message } from '../../common/messages.js';
import { PlaygroundError } from '../errors.js';
import { hashToken, newToken, tokenMatches } from '../sessions/tokens.js';
import { newJoinCode } from './join-code.js';
import { type Learner, type Workshop, WorkshopStore } from './store.js';
import { cleanText } from './text.js';

export type { Learner, Workshop } from './store.js';

/** What a trainer gives to create a workshop (checked by requests.ts). */
export interface NewWorkshop {
  title: string;
  lessons: string[];
  seats: number;
  startsAt: number;
  durationMs: number;
  language: Language;
}

export interface Joined {
  learner: Learner;
  /** Handed back on every join: the learner keeps it to come back to the seat. */
  resumeToken: string;
  rejoined: boolean;
}

/**
 * Fresh codes drawn before giving up. With 30^8 codes and even thousands live, eight
 * collisions in a row never happen unless the generator is broken.
 */
const CODE_ATTEMPTS = 8;

/** Compared against when a code names no workshop, so that costs what a wrong key costs. */
const NO_WORKSHOP_HASH = hashToken('no workshop has this code');

export class WorkshopService {
  private readonly store: WorkshopStore;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
    private readonly newCode: () => string = newJoinCode,
  ) {
    this.store = new WorkshopStore(db);
  }

  /**
   * Creates a workshop with a code no live workshop has; the key is shown only here.
   * `creator` is the creating client's key (server/workshops/creation-policy.ts counts it).
   */
  create(input: NewWorkshop, creator: string | null = null): { workshop: Workshop; trainerKey: string } {
    const trainerKey = newToken();
    const id = this.db
      .transaction(() => {
        const code = this.freeCode();
        return this.store.insert({ ...input, code, createdAt: this.now() }, hashToken(trainerKey), creator);
      })
      .immediate();
    return { workshop: this.store.byId(id)!, trainerKey };
  }

  /** The live workshop with this code, as typed (any case, dashes). */
  byCode(code: string): Workshop | null {
    const canonical = normalizeJoinCode(code);
    return canonical ? this.store.live(canonical) : null;
  }

  byId(id: number): Workshop | null {
    return this.store.byId(id);
  }

  byTrainerKey(key: string): Workshop | null {
    return this.store.byTrainerKeyHash(hashToken(key));
  }

  /**
   * The workshop `code` names if `key` is its trainer key (ended ones too: their results
   * stay the trainer's), else a 401 (no key) or 403. An unknown code and a wrong key get the
   * same answer for the same work, so this cannot tell which codes exist.
   */
  authorizeTrainer(code: string, key: string | undefined): Workshop {
    if (!key) throw new PlaygroundError(message('trainer-key-needed', {}), 401);
    const candidates = this.store.withCode(normalizeJoinCode(code) ?? '');
    const hashes = candidates.length ? candidates.map((c) => c.trainerKeyHash) : [NO_WORKSHOP_HASH];
    const index = hashes.findIndex((hash) => tokenMatches(key, hash));
    const found = candidates[index]?.workshop;
    if (!found) throw new PlaygroundError(message('trainer-key-wrong', {}), 403);
    return found;
  }

  /**
   * Takes a seat in the live workshop `code` for `name`, or gives back the seat whose resume
   * token this is (even when the workshop is full since).
   */
  join(code: string, request: { name?: unknown; resumeToken?: unknown }): Joined {
    return this.db
      .transaction((): Joined => {
        const workshop = this.byCode(code);
        if (!workshop) throw new PlaygroundError(message('workshop-unknown', { code }), 404);
        const resumeToken = typeof request.resumeToken === 'string' ? request.resumeToken : '';
        const known = resumeToken && this.store.learnerByResumeHash(workshop.id, hashToken(resumeToken));
        if (known) return { learner: known, resumeToken, rejoined: true };
        if (this.now() >= endsAt(workshop))
          throw new PlaygroundError(message('workshop-over', { title: workshop.title }), 410);
        const taken = this.store.learnerCount(workshop.id);
        if (taken >= workshop.seats)
          throw new PlaygroundError(message('workshop-full', { seats: workshop.seats }), 409);
        const name = cleanText(request.name, 'name', DISPLAY_NAME_MAX);
        const learner = {
          id: newLearnerId(),
          workshopId: workshop.id,
          seat: taken + 1,
          name,
          joinedAt: this.now(),
        };
        const fresh = newToken();
        this.store.insertLearner(learner, hashToken(fresh));
        return { learner: { ...learner, sessionId: null }, resumeToken: fresh, rejoined: false };
      })
      .immediate();
  }

  learners(workshop: Workshop): Learner[] {
    return this.store.learners(workshop.id);
  }

  seatsLeft(workshop: Workshop): number {
    return Math.max(0, workshop.seats - this.store.learnerCount(workshop.id));
  }

  /** Ends the workshop (once: ending it again keeps the first time); its results stay. */
  end(workshop: Workshop): Workshop {
    this.store.setEnded(workshop.id, this.now());
    return this.store.byId(workshop.id)!;
  }

  /** Ties a learner's seat to the sandbox session it runs in. */
  assignSession(learnerId: string, sessionId: string): void {
    this.store.assignSession(learnerId, sessionId);
  }

  /** The learner whose seat runs in this session, and their workshop; null for other sessions. */
  seatOf(sessionId: string): { learner: Learner; workshop: Workshop } | null {
    const learner = this.store.learnerBySession(sessionId);
    const workshop = learner && this.store.byId(learner.workshopId);
    return learner && workshop ? { learner, workshop } : null;
  }

  /** The trainer's own sandbox session (server/workshops/trainer-session.ts), once started. */
  trainerSession(workshop: Workshop): string | null {
    return this.store.trainerSession(workshop.id);
  }

  /** The workshop whose trainer's own session this is, if any. */
  workshopOfTrainerSession(sessionId: string): Workshop | null {
    return this.store.byTrainerSession(sessionId);
  }

  setTrainerSession(workshop: Workshop, sessionId: string): void {
    this.store.setTrainerSession(workshop.id, sessionId);
  }

  private freeCode(): string {
    for (let i = 0; i < CODE_ATTEMPTS; i++) {
      const code = this.newCode();
      if (!this.store.live(code)) return code;
    }
    throw new PlaygroundError(message('join-code-none-free', {}), 503);
  }
}

/** When the workshop's time is up (extensions add to its duration). */
export const endsAt = (workshop: Workshop): number => workshop.startsAt + workshop.durationMs;

/** 96 random bits, hex: names a learner in the trainer's URLs; grants nothing by itself. */
const newLearnerId = (): string => randomBytes(12).toString('hex');

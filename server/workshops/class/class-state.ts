// The trainer's grid, built from plain records (class-store.ts reads them): a row per
// learner, a cell per step, who is stuck (stuck.ts), and how many finished each step. Pure:
// the same records and clock give the same grid (test/unit/workshop-class-server.test.ts).
import {
  cellKey,
  type CellState,
  type ClassState,
  type ClassStep,
  type HelpRequest,
  type LearnerStatus,
  type LearnerTerminal,
  type TrainerPresence,
} from '../../../common/workshop-live.js';
import type { WorkshopInfo } from '../../../common/workshops.js';
import { stuckReason } from './stuck.js';

/** A step of the workshop, with the time the lesson expects for it (when it says). */
export interface PlannedStep extends ClassStep {
  expectedMs?: number;
}

/** A taken seat. */
export interface SeatRecord {
  id: string;
  seat: number;
  name: string;
  sessionId: string | null;
  /** Time added for this learner alone. */
  extendedMs: number;
}

/** What is known of one learner on one step (times in ms since the epoch). */
export interface StepRecord {
  learnerId: string;
  lessonId: string;
  stepId: string;
  startedAt: number | null;
  doneAt: number | null;
  failedChecks: number;
  hintsUsed: number;
}

export interface OpenHelp {
  id: number;
  learnerId: string;
  text: string;
  createdAt: number;
}

/** What other parts know of a learner's terminals and the trainer's watching (live.ts). */
export interface LiveSources {
  terminalsOf(sessionId: string): LearnerTerminal[];
  presenceOf(learnerId: string): TrainerPresence;
  /** Seats of the workshop started and waiting for a learner. */
  readySeats(workshopId: number): number;
}

export interface ClassInput {
  workshop: WorkshopInfo;
  /** The workshop's end, in ms, before any learner's own extension. */
  endsAt: number;
  steps: readonly PlannedStep[];
  seats: readonly SeatRecord[];
  records: readonly StepRecord[];
  help: readonly OpenHelp[];
  online(sessionId: string): boolean;
  terminalsOf(sessionId: string): LearnerTerminal[];
  presenceOf(learnerId: string): TrainerPresence;
  readySeats: number;
  trainerSessionId: string | null;
  now: number;
}

/** Records indexed for the rows: each learner's by cell, and the class's per step. */
interface ClassRecords {
  byLearner: Map<string, Map<string, StepRecord>>;
  /** Per cellKey: how long each learner who finished it took. */
  finishedMs: Map<string, number[]>;
  finished: Record<string, number>;
  help: Map<string, OpenHelp>;
}

export function buildClassState(input: ClassInput): ClassState {
  const records = indexRecords(input.steps, input.records, input.help);
  const learners = input.seats
    .map((seat) => learnerStatus(input, records, seat))
    .sort((a, b) => Number(b.stuck !== null) - Number(a.stuck !== null) || a.seat - b.seat);
  return {
    workshop: input.workshop,
    steps: input.steps.map(({ lessonId, stepId, title }) => ({ lessonId, stepId, title })),
    learners,
    finished: records.finished,
    readySeats: input.readySeats,
    trainerSessionId: input.trainerSessionId,
  };
}

function indexRecords(
  steps: readonly PlannedStep[],
  all: readonly StepRecord[],
  help: readonly OpenHelp[],
): ClassRecords {
  const keys = new Set(steps.map((s) => cellKey(s.lessonId, s.stepId)));
  const byLearner = new Map<string, Map<string, StepRecord>>();
  const finishedMs = new Map<string, number[]>();
  const finished: Record<string, number> = Object.fromEntries([...keys].map((k) => [k, 0]));
  for (const record of all) {
    const key = cellKey(record.lessonId, record.stepId);
    if (!keys.has(key)) continue; // a lesson outside the workshop
    let mine = byLearner.get(record.learnerId);
    if (!mine) byLearner.set(record.learnerId, (mine = new Map()));
    mine.set(key, record);
    if (record.doneAt === null) continue;
    finished[key] = (finished[key] ?? 0) + 1;
    if (record.startedAt !== null && record.doneAt >= record.startedAt) {
      let times = finishedMs.get(key);
      if (!times) finishedMs.set(key, (times = []));
      times.push(record.doneAt - record.startedAt);
    }
  }
  return { byLearner, finishedMs, finished, help: new Map(help.map((h) => [h.learnerId, h])) };
}

function learnerStatus(input: ClassInput, records: ClassRecords, seat: SeatRecord): LearnerStatus {
  const mine = records.byLearner.get(seat.id) ?? new Map<string, StepRecord>();
  const keys = input.steps.map((s) => cellKey(s.lessonId, s.stepId));
  const done = keys.map((key) => mine.get(key)?.doneAt != null);
  // Before a session the learner is on no step; after, on the first not done.
  const index = seat.sessionId === null ? -1 : done.indexOf(false);
  const cells: Record<string, CellState> = {};
  keys.forEach((key, i) => (cells[key] = done[i] ? 'done' : i === index ? 'current' : 'not-yet'));
  const current = index < 0 ? null : keys[index]!;
  const since = index < 0 ? null : currentSince(mine, keys, index);
  const onCurrent = current === null ? undefined : mine.get(current);
  let failedChecks = 0;
  let hintsOpened = 0;
  for (const key of keys) {
    failedChecks += mine.get(key)?.failedChecks ?? 0;
    hintsOpened += mine.get(key)?.hintsUsed ?? 0;
  }
  const stuck = stuckReason({
    onStepMs: since === null ? null : Math.max(0, input.now - since),
    failedChecks: onCurrent?.failedChecks ?? 0,
    finishedMs: current === null ? [] : (records.finishedMs.get(current) ?? []),
    expectedMs: index < 0 ? undefined : input.steps[index]!.expectedMs,
  });
  return {
    id: seat.id,
    seat: seat.seat,
    name: seat.name,
    online: seat.sessionId !== null && input.online(seat.sessionId),
    sessionId: seat.sessionId,
    cells,
    currentStep: current,
    currentSince: since === null ? null : iso(since),
    failedChecks,
    hintsOpened,
    stuck,
    help: helpOf(records.help.get(seat.id)),
    terminals: seat.sessionId === null ? [] : input.terminalsOf(seat.sessionId),
    presence: input.presenceOf(seat.id),
    endsAt: iso(input.endsAt + seat.extendedMs),
  };
}

/**
 * When the learner reached step `index`: as recorded, else when they finished the step
 * before it (the next lesson's tracker may not have started yet), else not known.
 */
function currentSince(mine: Map<string, StepRecord>, keys: string[], index: number): number | null {
  const reached = mine.get(keys[index]!)?.startedAt ?? null;
  if (reached !== null) return reached;
  return index > 0 ? (mine.get(keys[index - 1]!)?.doneAt ?? null) : null;
}

function helpOf(help: OpenHelp | undefined): HelpRequest | null {
  if (!help) return null;
  return { id: String(help.id), learnerId: help.learnerId, text: help.text, at: iso(help.createdAt) };
}

const iso = (ms: number) => new Date(ms).toISOString();

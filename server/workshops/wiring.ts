// The workshops' parts and the warm sessions they share a stock with, made from the parts
// app.ts hands over. app.ts stays the one place that wires the server: it calls this with
// explicit parts (never its own types, so no import cycle), and stops what this returns.
import { DEFAULT_LANGUAGE, type Language } from '../../common/lesson.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { LessonCatalogue } from '../lessons/catalogue.js';
import { pullImages } from '../sandboxes/pull-images.js';
import type { SandboxManager } from '../sandboxes/manager.js';
import type { SessionEventHub } from '../sessions/event-hub.js';
import type { SessionService } from '../sessions/service.js';
import { GENERAL_POOL, lessonsKind, WarmPool } from '../sessions/warm-pool.js';
import { WarmStock } from '../sessions/warm-stock.js';
import type { TerminalRegistry } from '../terminals/registry.js';
import { info as workshopInfo, workshopApi } from './api.js';
import type { LiveSources } from './class/class-state.js';
import { Classroom } from './class/classroom.js';
import { LiveActions } from './class/live-actions.js';
import { liveApi } from './class/live-api.js';
import { networkPolicy } from '../http/network-policy.js';
import { creationPolicy } from './creation-policy.js';
import { WorkshopTerminals } from './live-terminals.js';
import { WorkshopSeats } from './seating.js';
import { WorkshopService } from './service.js';

/** What the workshops and warm sessions are made of. */
export interface WorkshopInputs {
  config: Config;
  db: Db;
  sandboxes: SandboxManager;
  catalogue: LessonCatalogue;
  events: SessionEventHub;
  sessions: SessionService;
}

export type WarmParts = ReturnType<typeof startWarm>;

/** Starts a warm session's first shell ahead, in `language` (terminals/ready-panes.ts). */
export type ReadyShell = (sessionId: string, language: Language) => Promise<void>;
export type WorkshopParts = ReturnType<typeof workshopParts>;

/**
 * Sessions started ahead: the general warm pool and the workshops' ready seats, one stock of
 * warm sessions (counted in every limit like any other session). Started after the adoption,
 * which has removed the warm sessions of an earlier server (their tokens died with it).
 */
function startWarm(
  { config, db, sandboxes, catalogue, events, sessions }: WorkshopInputs,
  readyShell: ReadyShell,
) {
  const kindOf = (lessonIds: readonly string[]) =>
    lessonsKind(lessonIds.flatMap((id) => catalogue.get(id) ?? []));
  let refill = (_pool: string) => undefined as void;
  const stock = new WarmStock(
    sessions,
    async (id, kind) => {
      await pullImages(sandboxes, id, kind.hosts, kind.images);
      await readyShell(id, kind.language ?? DEFAULT_LANGUAGE);
    },
    (pool) => refill(pool),
  );
  const pool = new WarmPool(sessions, stock, {
    size: config.warmSandboxes,
    sessionTtlMs: config.sessionTtlMs,
  });
  const seats = new WorkshopSeats({
    db,
    sessions,
    stock,
    events,
    kindOf,
    leadMs: config.seatsLeadMs,
    unclaimedMs: config.seatsUnclaimedMs,
  });
  refill = (name) => (name === GENERAL_POOL ? pool.refill() : seats.poolChanged(name));
  pool.start();
  seats.start();
  return { stock, pool, seats };
}

/** The workshops' live class: the grid follows every session's progress and pages. */
function liveClass(
  workshops: ReturnType<typeof workshopApi>,
  { db, catalogue, events, sessions }: WorkshopInputs,
  live: LiveSources,
) {
  const classroom = new Classroom({
    db,
    workshops: workshops.service,
    catalogue,
    events,
    info: (workshop) => workshopInfo(workshops, workshop),
    live,
  });
  classroom.start();
  const lessonOf = (id: string) => sessions.lessonOf(id);
  const setLesson = (id: string, lessonId: string) => sessions.setLesson(id, lessonId);
  const actions = new LiveActions({ classroom, events, catalogue, lessonOf, setLesson });
  return liveApi(classroom, actions, workshops.service);
}

/** Ready seats and warm sessions, the workshops' API, watched terminals and the live class. */
export function workshopParts(core: WorkshopInputs, terminals: TerminalRegistry, readyShell: ReadyShell) {
  const warm = startWarm(core, readyShell);
  const lessonExists = (id: string) => Boolean(core.catalogue.get(id));
  const service = new WorkshopService(core.db);
  const workshops = workshopApi(service, lessonExists, Date.now, warm.seats, {
    policy: creationPolicy(core.db, core.config, (id) => core.catalogue.get(id)?.hosts.length),
    trustedProxies: networkPolicy(core.config).trustedProxies,
  });
  const workshopTerminals = watchedTerminals(workshops, core, terminals);
  const live = liveClass(workshops, core, {
    terminalsOf: (sessionId) => workshopTerminals.terminalsOf(sessionId),
    presenceOf: (learnerId) => workshopTerminals.presenceOf(learnerId),
    readySeats: (workshopId) => {
      const workshop = service.byId(workshopId);
      return workshop ? warm.seats.readySeats(workshop) : 0;
    },
  });
  workshops.changed = (workshopId) => live.classroom.workshopChanged(workshopId);
  // Seats taken and ready seats show in the trainer's header as they change.
  warm.seats.changed = (workshopId) => live.classroom.workshopChanged(workshopId);
  // The trainer's grid shows each learner's terminals and whether the trainer watches them.
  // Learners' pages offer to follow the trainer's terminals while any is open.
  warm.seats.demoTerminals = (workshop) => workshopTerminals.demoTerminals(workshop);
  workshopTerminals.onChange((change) => {
    if (change.kind === 'demo') warm.seats.republish(change.workshop);
    if (change.kind === 'presence') live.classroom.learnerChanged(change.learnerId);
    if (change.kind !== 'terminals') return;
    const seat = service.seatOf(change.sessionId);
    if (seat) live.classroom.learnerChanged(seat.learner.id);
  });
  return { warm, workshops, workshopTerminals, live };
}

/** Learners' terminals the trainer watches, and the trainer's own the learners follow. */
function watchedTerminals(
  workshops: ReturnType<typeof workshopApi>,
  { sessions, events, catalogue }: WorkshopInputs,
  terminals: TerminalRegistry,
): WorkshopTerminals {
  return new WorkshopTerminals({
    workshops: workshops.service,
    sessions,
    terminals,
    events,
    lessonHosts: (id) => catalogue.get(id)?.hosts,
  });
}

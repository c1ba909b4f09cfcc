// What the join page goes through: read the workshop by its code, rejoin the seat this
// browser keeps (or the one a resume link brings), take a new seat for a name, wait for the
// start, then hand the seat's session to the lesson page (kept like any session of this
// browser, so a reload reconnects to it).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { JoinedWorkshop, WorkshopInfo } from '../../../common/workshops';
import { ApiError } from '../sessions/session-client';
import type { TokenStore } from '../sessions/token-store';
import { markHandedOver } from '../terminals/first-pane';
import { browserPrefStorage } from '../terminals/workspace-storage';
import type { WorkshopApi } from './workshop-api';
import type { SeatStore } from './workshop-storage';

/** Why a join page cannot give a seat. */
export type JoinProblem = 'unknown' | 'ended' | 'full' | 'other';

export type JoinPhase =
  | { kind: 'loading' }
  | { kind: 'form'; info: WorkshopInfo; busy: boolean; error?: string }
  | { kind: 'rejoining'; info?: WorkshopInfo }
  | { kind: 'problem'; problem: JoinProblem; info?: WorkshopInfo; message: string }
  | { kind: 'waiting'; joined: JoinedWorkshop };

/** The plain reason for a refused join or lookup (the statuses server/workshops/ answers). */
export function joinProblem(status: number, info?: WorkshopInfo): JoinProblem {
  if (status === 404) return 'unknown';
  if (status === 410 || info?.ended) return 'ended';
  if (status === 409) return 'full';
  return 'other';
}

/** Before the start, or while the seat's sandbox is not handed over yet: ask again this often. */
const REJOIN_MS = 3000;
/** Long before the start, ask again at the start, but at least this often. */
const REJOIN_LATEST_MS = 60_000;

export interface JoinFlowOptions {
  api: WorkshopApi;
  seats: SeatStore;
  sessions: TokenStore;
  /** The seat's session is kept: open its lesson (or free play). */
  onSeated(lessonId: string | undefined): void;
  /** The workshop's language, for a learner who has not chosen one. */
  onLanguage(info: WorkshopInfo): void;
  now?: () => number;
}

export class JoinFlow implements ReactiveController {
  phase: JoinPhase = { kind: 'loading' };
  private code = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly opts: JoinFlowOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** Opens the page for a code; a resume token (from a resume link) is kept for it first. */
  async open(code: string, resumeToken?: string): Promise<void> {
    this.stop();
    const generation = ++this.generation;
    this.code = code;
    if (resumeToken) this.opts.seats.save(code, { resumeToken, name: this.opts.seats.get(code)?.name ?? '' });
    this.set({ kind: 'loading' });
    const kept = this.opts.seats.get(code);
    if (kept) return this.rejoin(generation, kept.resumeToken);
    try {
      const info = await this.opts.api.info(code);
      if (generation !== this.generation) return;
      this.opts.onLanguage(info);
      if (info.ended) this.problem(410, info);
      else if (info.seatsLeft <= 0) this.problem(409, info);
      else this.set({ kind: 'form', info, busy: false });
    } catch (err) {
      if (generation === this.generation) this.fail(err);
    }
  }

  /** The form's Join: takes a seat for the name. */
  async join(name: string): Promise<void> {
    const p = this.phase;
    if (p.kind !== 'form' || p.busy) return;
    const generation = this.generation;
    this.set({ ...p, busy: true, error: '' });
    try {
      const joined = await this.opts.api.join(this.code, { name });
      if (generation === this.generation) this.seated(generation, joined);
    } catch (err) {
      if (generation !== this.generation) return;
      if (err instanceof ApiError && err.status !== 400 && err.status !== 429 && err.status !== 0)
        this.problem(err.status, p.info, err.message);
      else this.set({ ...p, busy: false, error: err instanceof Error ? err.message : String(err) });
    }
  }

  private async rejoin(generation: number, resumeToken: string): Promise<void> {
    if (this.phase.kind !== 'waiting') this.set({ kind: 'rejoining' });
    try {
      const joined = await this.opts.api.join(this.code, { resumeToken });
      if (generation === this.generation) this.seated(generation, joined);
    } catch (err) {
      if (generation !== this.generation) return;
      // A token the workshop does not know (another server's, or a workshop gone): start over.
      if (err instanceof ApiError && (err.status === 401 || err.status === 403 || err.status === 404)) {
        this.opts.seats.forget(this.code);
        if (err.status !== 404) return this.open(this.code);
      }
      this.fail(err);
    }
  }

  private seated(generation: number, joined: JoinedWorkshop): void {
    this.opts.seats.save(this.code, { resumeToken: joined.resumeToken, name: joined.name });
    this.opts.onLanguage(joined.workshop);
    const created = joined.session;
    if (!created) {
      this.set({ kind: 'waiting', joined });
      const untilStart = Date.parse(joined.workshop.startsAt) - (this.opts.now ?? Date.now)();
      const delay = Math.max(REJOIN_MS, Math.min(untilStart, REJOIN_LATEST_MS));
      this.timer = setTimeout(() => void this.rejoin(generation, joined.resumeToken), delay);
      return;
    }
    const lessonId = created.session.lessonId ?? joined.workshop.lessons[0];
    // A new seat's first pane takes the shell started ahead, as does the seat this page waited
    // for (its session is handed out at the start); a seat resumed here opens its own.
    if (!joined.rejoined || this.phase.kind === 'waiting')
      markHandedOver(browserPrefStorage(), created.session.id);
    this.opts.sessions.save({
      id: created.session.id,
      token: created.token,
      expiresAt: created.session.expiresAt,
      ...(lessonId ? { lessonId } : {}),
    });
    this.opts.onSeated(lessonId);
  }

  private fail(err: unknown): void {
    const status = err instanceof ApiError ? err.status : 0;
    this.problem(status, undefined, err instanceof Error ? err.message : String(err));
  }

  private problem(status: number, info?: WorkshopInfo, message = ''): void {
    const problem = joinProblem(status, info);
    this.set({ kind: 'problem', problem, message, ...(info ? { info } : {}) });
  }

  private stop(): void {
    clearTimeout(this.timer);
    this.generation++;
  }

  private set(phase: JoinPhase): void {
    this.phase = phase;
    this.host.requestUpdate();
  }
}

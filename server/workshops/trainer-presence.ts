// What the trainer does with each learner's terminals, as the learner sees it (TrainerPresence):
// watching while a watch socket is open; asking to type; typing once the learner allowed it.
// The learner can decline, take typing back, or stop everything (every watch socket closes).
// Leave to type lasts only while the trainer watches: when the last watch socket closes it is
// gone, so a later watch starts read-only again. Held in memory: after a restart no socket is
// open and nobody may type.
import type { TrainerPresence } from '../../common/workshop-live.js';
import { message } from '../../common/messages.js';
import { PlaygroundError } from '../errors.js';

type Control = 'none' | 'requested' | 'granted';

/** An open watch socket, as the board closes it when the learner stops the trainer. */
export interface WatchHandle {
  close(code: number, reason: string): void;
  /** Whether this socket may type changed: tell the watcher. */
  mayTypeChanged(): void;
}

interface LearnerWatch {
  control: Control;
  sockets: Set<WatchHandle>;
}

/** The learner's answer (POST /api/sessions/:id/trainer). */
export interface PresenceAnswer {
  allowControl?: boolean;
  stop?: boolean;
}

export class TrainerPresenceBoard {
  private readonly learners = new Map<string, LearnerWatch>();

  constructor(
    /** Told of every change of a learner's presence. */
    private readonly changed: (learnerId: string, presence: TrainerPresence) => void,
    /** How the board closes the watch sockets when the learner stops the trainer. */
    private readonly stopCode: number,
  ) {}

  presenceOf(learnerId: string): TrainerPresence {
    const watch = this.learners.get(learnerId);
    if (!watch) return 'none';
    if (watch.control === 'granted') return 'typing';
    if (watch.control === 'requested') return 'control-requested';
    return watch.sockets.size ? 'watching' : 'none';
  }

  /** Whether the trainer's keystrokes may reach this learner's shells now. */
  mayType(learnerId: string): boolean {
    return this.learners.get(learnerId)?.control === 'granted';
  }

  /** A watch socket opened; the returned function is called when it closes. */
  watchOpened(learnerId: string, socket: WatchHandle): () => void {
    const watch = this.learners.get(learnerId) ?? { control: 'none', sockets: new Set() };
    this.learners.set(learnerId, watch);
    this.update(learnerId, () => watch.sockets.add(socket));
    return () => {
      if (!watch.sockets.has(socket)) return;
      this.update(learnerId, () => {
        watch.sockets.delete(socket);
        if (!watch.sockets.size) this.learners.delete(learnerId);
      });
    };
  }

  /** The trainer asks to type ({want: true}) or gives it back; asking needs an open watch. */
  requestControl(learnerId: string, want: boolean): TrainerPresence {
    const watch = this.learners.get(learnerId);
    if (!want) {
      if (watch) this.update(learnerId, () => (watch.control = 'none'));
      return this.presenceOf(learnerId);
    }
    if (!watch) throw new PlaygroundError(message('watch-before-typing', {}), 409);
    if (watch.control === 'none') this.update(learnerId, () => (watch.control = 'requested'));
    return this.presenceOf(learnerId);
  }

  /** The learner answers: allow or decline typing, or stop the trainer altogether. */
  answer(learnerId: string, { allowControl, stop }: PresenceAnswer): TrainerPresence {
    const watch = this.learners.get(learnerId);
    if (stop) {
      if (watch) this.stopAll(learnerId, watch);
      return this.presenceOf(learnerId);
    }
    if (allowControl === true) {
      if (watch?.control !== 'requested' && watch?.control !== 'granted')
        throw new PlaygroundError(message('trainer-not-asked', {}), 409);
      this.update(learnerId, () => (watch.control = 'granted'));
    } else if (allowControl === false && watch) {
      this.update(learnerId, () => (watch.control = 'none'));
    }
    return this.presenceOf(learnerId);
  }

  /** The learner's session ended: their sockets are closed by their terminals; forget them. */
  forget(learnerId: string): void {
    this.learners.delete(learnerId);
  }

  private stopAll(learnerId: string, watch: LearnerWatch): void {
    const sockets = [...watch.sockets];
    this.update(learnerId, () => {
      this.learners.delete(learnerId);
      watch.sockets.clear();
      watch.control = 'none';
    });
    for (const socket of sockets) socket.close(this.stopCode, 'The learner stopped the trainer’s view.');
  }

  /** Applies a change; tells the listener and the sockets when the presence or leave changed. */
  private update(learnerId: string, change: () => void): void {
    const before = this.presenceOf(learnerId);
    const typedBefore = this.mayType(learnerId);
    const watch = this.learners.get(learnerId);
    change();
    if (this.mayType(learnerId) !== typedBefore) for (const s of watch?.sockets ?? []) s.mayTypeChanged();
    const after = this.presenceOf(learnerId);
    if (after !== before) this.changed(learnerId, after);
  }
}

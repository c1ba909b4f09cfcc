// Which steps' foreground commands already ran in a session, kept for the browser tab, so a
// reload does not type them into the terminal again.
import type { StorageLike } from '../sessions/token-store';

export const RAN_STEPS_KEY = 'docker-playground.ran-steps';
/** Only the latest entries are kept: older sessions are long gone. */
const KEEP = 200;

export class RanSteps {
  /** `storage` is read when asked, since merely reaching sessionStorage throws in some modes. */
  constructor(private readonly storage: () => StorageLike | null = () => sessionStorage) {}

  /** Records that a step's command ran in a session; false if it already had. */
  markRan(sessionId: string, stepId: string): boolean {
    const key = `${sessionId}:${stepId}`;
    try {
      const storage = this.storage();
      if (!storage) return true;
      const ran = new Set<string>(JSON.parse(storage.getItem(RAN_STEPS_KEY) ?? '[]') as string[]);
      if (ran.has(key)) return false;
      ran.add(key);
      storage.setItem(RAN_STEPS_KEY, JSON.stringify([...ran].slice(-KEEP)));
    } catch {
      // No storage: run it; a reload may run it again.
    }
    return true;
  }
}

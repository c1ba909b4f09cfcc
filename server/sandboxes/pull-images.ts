// Pulls a lesson's images into a session's sandboxes from the registry mirror before anyone
// uses them (a warm session, a workshop's ready seat), so the lesson's first `docker run`
// starts at once. Each pull is bounded in time and in what it may print.
import { logger } from '../log.js';
import { captureInSandbox } from '../validation/sandbox-exec.js';
import type { SandboxManager } from './manager.js';

const log = logger('warm');

/** A pull from the mirror takes well under a second; a minute means something is wrong. */
const PULL_TIMEOUT_MS = 60_000;
/** `docker pull -q` prints the image's name: a few lines at most. */
const PULL_OUTPUT_MAX_BYTES = 16 * 1024;

export async function pullImages(
  sandboxes: SandboxManager,
  sessionId: string,
  hosts: readonly string[],
  images: readonly string[],
): Promise<void> {
  if (!images.length) return;
  for (const host of hosts) {
    const container = await sandboxes.runningContainer(sessionId, host);
    if (!container) throw new Error(`the sandbox ${host} is gone`);
    for (const image of images) {
      const { exitCode, output, timedOut } = await captureInSandbox(
        container,
        ['docker', 'pull', '-q', image],
        {
          timeoutMs: PULL_TIMEOUT_MS,
          maxBytes: PULL_OUTPUT_MAX_BYTES,
        },
      );
      // A lesson whose image is not mirrored still works (its own run says why): not fatal.
      if (exitCode !== 0)
        log.warn(
          `session ${sessionId}: pulling ${image} on ${host} failed${timedOut ? ' (timed out)' : ''}: ${output.trim().slice(0, 200)}`,
        );
    }
  }
}

// Pieces of the shell scripts the server runs in a sandbox. The learner is root there and
// may have written anything into the files these read, or left any process behind.

/** Reads at most a few bytes of a regular file the learner may have replaced (a FIFO would block). */
export const readSmall = (file: string) => `$( [ -f "${file}" ] && head -c 16 "${file}" 2>/dev/null)`;

/** Sets `pid` to the number in a pid file the learner may have written anything into, or to nothing. */
export const readPid = (pidFile: string) =>
  `pid=${readSmall(pidFile)}; case $pid in ''|0|*[!0-9]*) pid= ;; esac`;

/**
 * Waits (at most `seconds`) until none of the processes `listPids` prints is alive: a signal
 * is sent at once, but a process takes a moment to exit, and the caller says it has ended.
 * Zombies count as gone (they hold nothing, and their parent reaps them).
 */
export const awaitExited = (listPids: string, seconds: number) =>
  `i=0; while [ $i -lt ${Math.ceil(seconds * 20)} ]; do left=; for p in $(${listPids}); do ` +
  '[ -e /proc/$p ] && ! grep -q "^State:.*Z" /proc/$p/status 2>/dev/null && left=1; done; ' +
  '[ -z "$left" ] && break; sleep 0.05; i=$((i+1)); done';

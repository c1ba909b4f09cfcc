// The server's words for learners about sandboxes and sessions, in English: why one could not
// start, was lost, or a request about it was refused. Part of ./messages-en.ts.

type P<T> = (p: T) => string;
type Host = { host: string };

export const sandboxWords = {
  'sandbox-lost-removed': ((p) =>
    `The sandbox ${p.host} was removed. Restart it to get a fresh one.`) as P<Host>,
  'sandbox-lost-stopped': ((p) =>
    `The sandbox ${p.host} stopped${p.exit ? ` (exit ${p.exit})` : ''}. Restart it to get a fresh one.`) as P<{
    host: string;
    exit: string;
  }>,
  'sandbox-lost-gone': ((p) => `The sandbox ${p.host} is gone. Restart it to get a fresh one.`) as P<Host>,
  'engine-away': (() =>
    'The Docker engine is not answering right now (it may be restarting), so no sandbox can start. ' +
    'Try again in a minute.') as P<object>,
  'engine-not-reachable': ((p) =>
    `The Docker engine is not reachable (${p.code}). Start it, or run \`npm start\` as root to let the playground start its own.`) as P<{
    code: string;
  }>,
  'sandbox-image-missing': ((p) =>
    `The sandbox image ${p.image} is missing on the engine. Run \`npm run setup\` to build it.`) as P<{
    image: string;
  }>,
  'engine-no-address-pool': (() =>
    'The Docker engine has no free network address pool for another session. ' +
    'Give dockerd a larger pool (default-address-pools in daemon.json, e.g. base 10.96.0.0/12 size 24) ' +
    'or end unused sessions.') as P<object>,
  'machine-disk-full': (() =>
    "The machine's disk is full, so no sandbox can start. Free disk space (docker system prune) and retry.") as P<object>,
  'machine-memory-full': (() =>
    'The machine is out of memory, so no sandbox can start. Try again later.') as P<object>,
  'engine-refused': ((p) => `The Docker engine refused: ${p.detail}`) as P<{ detail: string }>,
  'sandbox-stopped-starting': ((p) =>
    `The sandbox stopped while starting (exit ${p.exit}). See \`docker logs ${p.container}\`.`) as P<{
    exit: number;
    container: string;
  }>,
  'sandbox-daemon-silent': ((p) => `The sandbox's Docker daemon did not answer within ${p.seconds} s.`) as P<{
    seconds: number;
  }>,
  'sandbox-not-started': (() => 'A sandbox failed to start.') as P<object>,
  'playground-stopping': (() => 'The playground is stopping; try again in a moment.') as P<object>,
  'warm-taken': (() => 'This warm session is no longer available.') as P<object>,
  'session-failed': (() => 'This session failed to start.') as P<object>,
  'session-starting': (() => 'This session is still starting; try again in a moment.') as P<object>,
  'host-unknown': ((p) => `This session has no host "${p.host}".`) as P<Host>,
  'host-keep-one': (() => 'A session keeps at least one host. End the session instead.') as P<object>,
  'host-starting': ((p) => `The host ${p.host} is starting already.`) as P<Host>,
  'host-removed': ((p) => `The host ${p.host} was removed.`) as P<Host>,
  'host-not-ready': ((p) => `The host ${p.host} is not ready.`) as P<Host>,
  'token-wrong': (() => 'Wrong session token.') as P<object>,
  'lesson-starting': (() => 'The lesson is still starting; try again in a moment.') as P<object>,
  'lesson-none': (() => 'This session was not started for a lesson.') as P<object>,
  'steps-all-done': (() => 'Every step is done.') as P<object>,
  'step-unknown': ((p) => `This lesson has no step "${p.step}".`) as P<{ step: string }>,
} as const;

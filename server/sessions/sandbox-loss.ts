// Notices a sandbox that stops or vanishes without the playground asking: removed with the
// engine's API, its inner daemon ended (dockerd is the sandbox's first process, so the
// sandbox stops with it), killed by the kernel, or gone with a restarted engine. It reads
// the host engine's own events, never polls; after each break in the stream it compares
// the sessions' hosts with what the engine holds, for what happened while it was not looking.
import type Docker from 'dockerode';
import { message, type Message } from '../../common/messages.js';
import { followEngineEvents, type EngineEvent, type EngineEventFollower } from '../engine/engine-events.js';
import { logger } from '../log.js';
import { LABEL } from '../sandboxes/labels.js';

const log = logger('sessions');

/** What the follower tells the sessions (SessionService implements it). */
export interface SandboxLossListener {
  /** A ready host's sandbox container stopped or was removed. */
  hostLost(sessionId: string, host: string, containerId: string, reason: Message): void;
  /** Marks lost every ready host whose sandbox is no longer running. */
  verifyHosts(): Promise<void>;
}

/** Container actions that mean a sandbox no longer runs. */
const GONE_ACTIONS = ['die', 'destroy'];

export function followSandboxLoss(docker: Docker, sessions: SandboxLossListener): EngineEventFollower {
  let breaks = 0;
  return followEngineEvents(docker, {
    filters: { type: ['container'], event: GONE_ACTIONS, label: [`${LABEL.role}=sandbox`] },
    onEvent: (event) => {
      const lost = lossOf(event);
      if (lost) sessions.hostLost(lost.sessionId, lost.host, lost.containerId, lost.reason);
    },
    onConnected: () => {
      if (breaks > 0) log.info("following the engine's events again");
      sessions.verifyHosts().catch((err: Error) => log.warn(`checking sandboxes: ${err.message}`));
    },
    onProblem: (reason) => {
      if (breaks++ === 0 || breaks % 10 === 0) log.warn(`${reason}; trying again`);
    },
  });
}

function lossOf(
  event: EngineEvent,
): { sessionId: string; host: string; containerId: string; reason: Message } | null {
  const attributes = event.Actor?.Attributes ?? {};
  const sessionId = attributes[LABEL.session];
  const host = attributes[LABEL.host];
  const containerId = event.Actor?.ID ?? event.id;
  const action = event.Action ?? event.status;
  if (!sessionId || !host || !containerId || !action || !GONE_ACTIONS.includes(action)) return null;
  return { sessionId, host, containerId, reason: lossReason(host, action, attributes.exitCode) };
}

export function lossReason(host: string, action: string, exitCode?: string): Message {
  if (action === 'destroy') return message('sandbox-lost-removed', { host });
  if (action === 'die') return message('sandbox-lost-stopped', { host, exit: exitCode ?? '' });
  return message('sandbox-lost-gone', { host });
}

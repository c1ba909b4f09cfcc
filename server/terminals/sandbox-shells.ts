// Where a pane's shell runs: in its session host's sandbox, through a Docker exec, once the
// host is ready; the pane's id names the shell, so a restarted server attaches to it again. A host that will not be ready closes the pane with SandboxGone and the reason.
import type Docker from 'dockerode';
import type { Language } from '../../common/lesson.js';
import { CloseCode } from '../../common/protocol.js';
import { PlaygroundError } from '../errors.js';
import { TerminalUnavailableError, type TerminalBackendFactory } from './backend.js';
import { DockerExecBackendFactory } from './docker-exec.js';
import { signallingFactory } from './prompt-signal.js';

/** A session host's running sandbox, or a PlaygroundError saying why there is none. */
export type FindSandbox = (
  sessionId: string,
  token: string | undefined,
  host: string,
) => Promise<Docker.Container>;

/** The backend factory for one pane: a shell on that session host, named by the pane's id. */
export type ShellFactory = (
  sessionId: string,
  token: string | undefined,
  host: string,
  paneId: string,
  language?: Language,
) => TerminalBackendFactory;

/** Told when a command finished in one of the session's shells (its prompt hook ran). */
export type OnPrompt = (sessionId: string) => void;

/** Told a shell is starting; returns what is called at its first prompt (or when it failed). */
export type OnStarting = () => () => void;

export function sandboxShells(
  findSandbox: FindSandbox,
  onPrompt?: OnPrompt,
  onStarting?: OnStarting,
): ShellFactory {
  return (sessionId, token, host, paneId, language) => ({
    create: async (size) => {
      const started = onStarting?.() ?? (() => undefined);
      try {
        const container = await sandboxOrGone(findSandbox, sessionId, token, host);
        const shells = new DockerExecBackendFactory(container, language, paneId);
        const prompted = () => {
          started();
          onPrompt?.(sessionId);
        };
        return await signallingFactory(shells, prompted).create(size);
      } catch (err) {
        started();
        throw err;
      }
    },
  });
}

/** The host's sandbox, or the reason there is none as a pane's SandboxGone close. */
async function sandboxOrGone(
  findSandbox: FindSandbox,
  sessionId: string,
  token: string | undefined,
  host: string,
): Promise<Docker.Container> {
  try {
    return await findSandbox(sessionId, token, host);
  } catch (err) {
    if (!(err instanceof PlaygroundError)) throw err;
    throw new TerminalUnavailableError(err.message, CloseCode.SandboxGone);
  }
}

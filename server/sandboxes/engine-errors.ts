// Engine failures while making a sandbox, told as what went wrong and what fixes it.
import { PlaygroundError } from '../errors.js';

/** Turns a raw engine error into a PlaygroundError that names the fix. */
export function explainEngineError(err: unknown, context: { image?: string } = {}): PlaygroundError {
  if (err instanceof PlaygroundError) return err;
  const e = err as { message?: string; code?: string; statusCode?: number };
  const message = e.message ?? String(err);
  if (e.code === 'ECONNREFUSED' || e.code === 'ENOENT' || e.code === 'EACCES') {
    return new PlaygroundError(
      `The Docker engine is not reachable (${e.code}). Start it, or run \`npm start\` as root to let the playground start its own.`,
      503,
    );
  }
  if (e.statusCode === 404 && /no such image/i.test(message)) {
    return new PlaygroundError(
      `The sandbox image ${context.image ?? ''} is missing on the engine. Run \`npm run setup\` to build it.`,
      503,
    );
  }
  if (/available, non-overlapping IPv4 address pool/i.test(message)) {
    return new PlaygroundError(
      'The Docker engine has no free network address pool for another session. ' +
        'Give dockerd a larger pool (default-address-pools in daemon.json, e.g. base 10.96.0.0/12 size 24) ' +
        'or end unused sessions.',
      503,
    );
  }
  if (/no space left on device/i.test(message)) {
    return new PlaygroundError(
      "The machine's disk is full, so no sandbox can start. Free disk space (docker system prune) and retry.",
      507,
    );
  }
  if (/cannot allocate memory/i.test(message)) {
    return new PlaygroundError(
      'The machine is out of memory, so no sandbox can start. Try again later.',
      503,
    );
  }
  return new PlaygroundError(`The Docker engine refused: ${message.trim()}`, 500);
}

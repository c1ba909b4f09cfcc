// Everything the playground needs before it serves learners, in order: a Docker engine,
// the images (built offline), and the registry mirror that sandboxes pull from.
// Each step skips what is already in place, so a second run takes seconds.
import type { Config } from '../config.js';
import { ensureImages, SANDBOX_IMAGE } from '../images/index.js';
import { ensureMirror, mirrorSettings } from '../registry/index.js';
import { SESSION_POOL_CIDR } from '../engine/managed-engine.js';
import { installSandboxFirewall } from '../sandboxes/firewall.js';
import { ensureEngine, type EngineReady } from './engine.js';

export interface SetupResult extends EngineReady {
  sandboxImage: string;
  mirrorPort: number;
  /** Whether sandboxes are kept off the host's services but the mirror (see firewall.ts). */
  hostFirewall: boolean;
}

export async function runSetup(config: Config, onProgress: (line: string) => void): Promise<SetupResult> {
  const engine = await ensureEngine(config, onProgress);
  const docker = engine.endpoint.docker;
  await ensureImages({ stateDir: config.stateDir, docker, onProgress });
  const { port } = await ensureMirror({ ...mirrorSettings(config), docker, onProgress });
  const hostFirewall = await guardHost(engine, port, onProgress);
  return { ...engine, sandboxImage: config.sandboxImage ?? SANDBOX_IMAGE, mirrorPort: port, hostFirewall };
}

/** The firewall covers the session address pool of the engine the playground runs itself. */
async function guardHost(engine: EngineReady, mirrorPort: number, onProgress: (line: string) => void) {
  if (!engine.managed) {
    onProgress('host firewall for sandboxes: off (this engine was not started by the playground)');
    return false;
  }
  try {
    await installSandboxFirewall(SESSION_POOL_CIDR, mirrorPort);
    onProgress(`host firewall for sandboxes: on (only the mirror port ${mirrorPort} is reachable)`);
    return true;
  } catch (err) {
    onProgress(`host firewall for sandboxes: FAILED (${(err as Error).message})`);
    return false;
  }
}

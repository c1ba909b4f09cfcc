// Everything the playground needs before it serves learners, in order: a Docker engine,
// the images (built offline), and the registry mirror that sandboxes pull from.
// Each step skips what is already in place, so a second run takes seconds.
import type { Config } from '../config.js';
import { ensureImages, SANDBOX_IMAGE } from '../images/index.js';
import { ensureMirror, mirrorSettings } from '../registry/index.js';
import { installSandboxFirewall } from '../sandboxes/firewall.js';
import { ensureEngine, type EngineReady } from './engine.js';
import { neededKernelLimits, raiseKernelLimits, sysctlCommand } from './kernel-limits.js';

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
  await shareKernelLimits(engine, config, onProgress);
  return { ...engine, sandboxImage: config.sandboxImage ?? SANDBOX_IMAGE, mirrorPort: port, hostFirewall };
}

/** The firewall covers the bridges of the engine the playground runs itself. */
async function guardHost(engine: EngineReady, mirrorPort: number, onProgress: (line: string) => void) {
  if (!engine.managed) {
    onProgress('host firewall for sandboxes: off (this engine was not started by the playground)');
    return false;
  }
  try {
    await installSandboxFirewall(mirrorPort);
    onProgress(`host firewall for sandboxes: on (only the mirror port ${mirrorPort} is reachable)`);
    return true;
  } catch (err) {
    onProgress(`host firewall for sandboxes: FAILED (${(err as Error).message})`);
    return false;
  }
}

/** Per-user kernel limits all sandboxes share, raised on the host of the engine the playground runs. */
async function shareKernelLimits(engine: EngineReady, config: Config, onProgress: (line: string) => void) {
  const limits = neededKernelLimits(config);
  if (!engine.managed) {
    onProgress(
      `host kernel limits: left as they are (not the playground's engine); sandboxes need ${sysctlCommand(limits)}`,
    );
    return;
  }
  try {
    const raised = await raiseKernelLimits(limits);
    onProgress(`host kernel limits: ${raised.length ? `raised (${sysctlCommand(raised)})` : 'high enough'}`);
  } catch (err) {
    onProgress(
      `host kernel limits: FAILED (${(err as Error).message}); sandboxes need ${sysctlCommand(limits)}`,
    );
  }
}

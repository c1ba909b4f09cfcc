// Everything the playground needs before it serves learners, in order: a Docker engine,
// the images (built offline), and the registry mirror that sandboxes pull from.
// Each step skips what is already in place, so a second run takes seconds.
import type { Config } from '../config.js';
import { ensureImages, SANDBOX_IMAGE } from '../images/index.js';
import { ensureMirror } from '../registry/index.js';
import { ensureEngine, type EngineReady } from './engine.js';

export interface SetupResult extends EngineReady {
  sandboxImage: string;
  mirrorPort: number;
}

export async function runSetup(config: Config, onProgress: (line: string) => void): Promise<SetupResult> {
  const engine = await ensureEngine(config.stateDir, onProgress);
  await ensureImages({ stateDir: config.stateDir, onProgress });
  const { port } = await ensureMirror({ stateDir: config.stateDir, port: config.mirrorPort, onProgress });
  return { ...engine, sandboxImage: config.sandboxImage ?? SANDBOX_IMAGE, mirrorPort: port };
}

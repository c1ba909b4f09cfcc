// Step one of setup: a reachable engine, and what it allows.
import { readCapabilities, type EngineCapabilities } from '../engine/capabilities.js';
import type { Config } from '../config.js';
import { engineEndpoint, pingEngine, type EngineEndpoint } from '../engine/connect.js';
import { isManagedEngine, startManagedEngine } from '../engine/managed-engine.js';

export interface EngineReady {
  endpoint: EngineEndpoint;
  capabilities: EngineCapabilities;
  managed: boolean;
}

export async function ensureEngine(
  { stateDir, dockerHost }: Pick<Config, 'stateDir' | 'dockerHost'>,
  onProgress: (line: string) => void,
): Promise<EngineReady> {
  const endpoint = engineEndpoint(dockerHost);
  let version = await pingEngine(endpoint.docker);
  if (!version) {
    if (dockerHost) {
      throw new Error(
        `DOCKER_HOST is ${dockerHost} but no engine answers there. Start it, or unset DOCKER_HOST ` +
          'to let the playground start its own engine.',
      );
    }
    onProgress(`no Docker engine answers at ${endpoint.address}`);
    await startManagedEngine({ docker: endpoint.docker, stateDir, onProgress });
    version = await pingEngine(endpoint.docker);
  }
  const capabilities = await readCapabilities(endpoint.docker);
  onProgress(
    `Docker engine ${capabilities.version} at ${endpoint.address}${capabilities.userns ? ' (user namespaces on)' : ''}`,
  );
  return { endpoint, capabilities, managed: isManagedEngine(stateDir) };
}

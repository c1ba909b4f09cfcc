// GET /api/health's answer, built from the parts the server wired (server/app.ts).
import type { HealthView } from '../common/api.js';
import type { Config } from './config.js';
import { pingEngine } from './engine/connect.js';
import { mirrorHealth } from './registry/index.js';
import type { MirrorSupervisor } from './registry/supervisor.js';
import type { MachineCapacity } from './sandboxes/machine.js';
import type { RecipeChoice } from './sandboxes/recipe.js';
import type { SessionService } from './sessions/service.js';
import type { SetupResult } from './setup/index.js';

export interface HealthParts {
  config: Config;
  recipe: RecipeChoice;
  sessions: SessionService;
  capacity: MachineCapacity;
}

/** GET /api/health: the engine, the sandboxes' isolation, the mirror, the sessions in use and the machine's room. */
export function healthReport(
  { config, recipe, sessions, capacity }: HealthParts,
  setup: SetupResult,
  mirror: MirrorSupervisor,
): () => Promise<HealthView> {
  return async () => {
    const [version, mirrorUp] = await Promise.all([
      pingEngine(setup.endpoint.docker),
      mirrorHealth(setup.mirrorPort),
    ]);
    return {
      ok: Boolean(version) && mirrorUp,
      engine: {
        reachable: Boolean(version),
        ...(version ? { version } : {}),
        managedByPlayground: setup.managed,
      },
      isolation: {
        recipe: recipe.name,
        isolatesHost: recipe.isolatesHost,
        hostFirewall: setup.hostFirewall,
        ...(recipe.warning ? { warning: recipe.warning } : {}),
      },
      registryMirror: { ...mirror.status, reachable: mirrorUp },
      sessions: { active: sessions.activeCount, max: config.maxSessions },
      capacity: capacity.report(),
    };
  };
}

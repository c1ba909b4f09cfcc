// `npm start`: sets up what is missing, then serves the playground.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HealthView } from '../common/api.js';
import { loadConfig } from './config.js';
import { pingEngine } from './engine/connect.js';
import { createPlaygroundServer } from './http/server.js';
import { logger } from './log.js';
import { mirrorHealth } from './registry/index.js';
import { SandboxManager } from './sandboxes/manager.js';
import { chooseRecipe } from './sandboxes/recipe.js';
import { SessionService } from './sessions/service.js';
import { runSetup } from './setup/index.js';
import { progressPrinter } from './setup/progress.js';

const log = logger('main');
const config = loadConfig();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

let setup;
try {
  setup = await runSetup(config, progressPrinter());
} catch (err) {
  console.error(`\nThe playground cannot start: ${(err as Error).message}`);
  process.exit(1);
}

const { endpoint, capabilities, managed } = setup;
const recipe = chooseRecipe(capabilities, endpoint.local);
if (recipe.warning) log.warn(recipe.warning);
else log.info('sandboxes are user-namespaced: root in a sandbox is an unprivileged user on the host');

const sandboxes = new SandboxManager({
  docker: endpoint.docker,
  config,
  capabilities,
  recipe,
  image: setup.sandboxImage,
  mirrorPort: setup.mirrorPort,
});
const sessions = new SessionService(sandboxes, config);
await sessions.start();

const health = async (): Promise<HealthView> => {
  const [version, mirrorUp] = await Promise.all([pingEngine(endpoint.docker), mirrorHealth(setup.mirrorPort)]);
  return {
    ok: Boolean(version) && mirrorUp,
    engine: { reachable: Boolean(version), ...(version ? { version } : {}), managedByPlayground: managed },
    isolation: {
      recipe: recipe.name,
      isolatesHost: recipe.isolatesHost,
      ...(recipe.warning ? { warning: recipe.warning } : {}),
    },
    registryMirror: { reachable: mirrorUp },
    sessions: { active: sessions.activeCount, max: config.maxSessions },
  };
};

const server = createPlaygroundServer({
  config,
  sessions,
  sandboxes,
  clientRoot: path.join(root, 'dist', 'client'),
  health,
});
server.listen(config.port, config.host, () => {
  log.info(`Docker Playground is ready: http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/`);
});

// Sandboxes outlive a restart on purpose: the next server adopts them from their labels.
const shutdown = () => {
  log.info('shutting down; live sandboxes are kept and adopted on the next start');
  sessions.stop();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

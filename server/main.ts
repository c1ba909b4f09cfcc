// `npm start`: sets up what is missing (engine, images, registry mirror), then serves.
import { startPlayground } from './app.js';
import { loadConfig } from './config.js';
import { logger } from './log.js';
import { runSetup } from './setup/index.js';
import { progressPrinter } from './setup/progress.js';

const log = logger('main');
const config = loadConfig();

// The last resort under the last resort: the HTTP and WebSocket layers answer whatever they
// are sent (http/last-resort.ts), so an error that still gets here is a bug elsewhere (a
// stream or timer of one session). It is logged and the server keeps serving: the engine's
// labels are the record of truth, so one session's state gone astray costs that session,
// while ending the process would end every learner's shells and hand anyone who finds such
// a bug a way to stop the playground.
process.on('uncaughtException', (err) => log.error(`uncaught: ${err.stack ?? String(err)}`));
process.on('unhandledRejection', (reason) =>
  log.error(`unhandled rejection: ${(reason as Error)?.stack ?? String(reason)}`),
);

try {
  const playground = await startPlayground(config, await runSetup(config, progressPrinter()));
  log.info(`Docker Playground is ready: ${playground.url}/`);

  // Sandboxes outlive a restart on purpose: the next server adopts them from their labels.
  const shutdown = () => {
    log.info('shutting down; live sandboxes are kept and adopted on the next start');
    void playground.close().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
} catch (err) {
  console.error(`\nThe playground cannot start: ${(err as Error).message}`);
  process.exit(1);
}

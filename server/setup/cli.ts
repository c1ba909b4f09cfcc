// `npm run setup`: install and build everything, then exit (npm start and npm test run it too).
import { loadConfig } from '../config.js';
import { runSetup } from './index.js';
import { progressPrinter } from './progress.js';

const progress = progressPrinter();
try {
  const result = await runSetup(loadConfig(), progress);
  progress(`ready: sandbox image ${result.sandboxImage}, registry mirror on port ${result.mirrorPort}`);
} catch (err) {
  console.error(`\nSetup failed: ${(err as Error).message}`);
  process.exit(1);
}

// Builds the playground's images and prints what each took:
//   npx tsx server/images/cli.ts [--mirror] [--quiet] [image ...]
// --mirror also fills and starts the registry mirror; --quiet hides the recipes' output.
// Uses the playground's settings (PLAYGROUND_STATE_DIR, PLAYGROUND_MIRROR_PORT, ...).
import { loadConfig } from '../config.js';
import { engineEndpoint } from '../engine/connect.js';
import { progressPrinter } from '../setup/progress.js';
import { ensureMirror, mirrorSettings } from '../registry/index.js';
import { ensureImages, formatSize } from './build.js';

const args = process.argv.slice(2);
const withMirror = args.includes('--mirror');
const quiet = args.includes('--quiet');
const only = args.filter((a) => !a.startsWith('--'));

const config = loadConfig();
const { docker } = engineEndpoint(config.dockerHost);
const progress = progressPrinter('images');
try {
  const report = await ensureImages({
    stateDir: config.stateDir,
    docker,
    onProgress: progress,
    verbose: !quiet,
    ...(only.length ? { only } : {}),
  });
  console.log('\nimage            status    seconds  size      tag');
  for (const r of report.images) {
    console.log(
      `${r.name.padEnd(16)} ${r.status.padEnd(9)} ${r.seconds.toFixed(1).padStart(7)}  ` +
        `${(r.sizeBytes === undefined ? '-' : formatSize(r.sizeBytes)).padEnd(9)} ${r.tag ?? r.reason ?? ''}`,
    );
  }
  console.log(`total: ${report.seconds.toFixed(1)}s`);
  if (withMirror) {
    const started = Date.now();
    const mirror = await ensureMirror({ ...mirrorSettings(config), docker, onProgress: progress });
    console.log(
      `mirror: port ${mirror.port} (${mirror.mode}) ready in ${((Date.now() - started) / 1000).toFixed(1)}s`,
    );
  }
} catch (err) {
  console.error(`\n${(err as Error).message}`);
  process.exit(1);
}

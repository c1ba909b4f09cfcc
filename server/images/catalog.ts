// Every image the playground builds: where its recipe lives, what it is called in the host
// engine, and the Docker Hub name learners type for it (served by the registry mirror).
import { alpineLib, rootfsLib, type ImageSpec } from './image-spec.js';
import { STAND_INS } from './stand-ins.js';

export type { ImageSpec, MirrorName } from './image-spec.js';

export const SANDBOX_IMAGE_NAME = 'sandbox';
export const SANDBOX_REPO = 'playground/sandbox';

const nodeAppLib = ['images/lib/node-app.sh', 'images/node-lib'];

export const CATALOG: readonly ImageSpec[] = [
  {
    name: SANDBOX_IMAGE_NAME,
    localRepo: SANDBOX_REPO,
    mirror: [],
    inputs: [],
    dependsOn: [],
    optional: true,
  },
  {
    name: 'alpine',
    localRepo: 'playground/lesson-alpine',
    mirror: [{ repo: 'library/alpine', tags: ['latest'] }],
    inputs: alpineLib,
    dependsOn: [],
  },
  {
    name: 'redis',
    localRepo: 'playground/lesson-redis',
    mirror: [{ repo: 'library/redis', tags: ['latest', 'alpine'] }],
    inputs: rootfsLib,
    dependsOn: [],
  },
  {
    name: 'postgres',
    localRepo: 'playground/lesson-postgres',
    mirror: [{ repo: 'library/postgres', tags: ['9.4'] }],
    inputs: rootfsLib,
    dependsOn: [],
  },
  {
    name: 'node-base',
    localRepo: 'playground/node-base',
    mirror: [],
    inputs: rootfsLib,
    dependsOn: [],
    // The recipe copies the running node binary.
    facts: () => [`node ${process.version} ${process.arch} ${process.execPath}`],
  },
  {
    name: 'voting-vote',
    localRepo: 'playground/lesson-voting-vote',
    mirror: [{ repo: 'caylent/example-voting-app', tags: ['vote'] }],
    inputs: nodeAppLib,
    dependsOn: ['node-base'],
  },
  {
    name: 'voting-result',
    localRepo: 'playground/lesson-voting-result',
    mirror: [{ repo: 'caylent/example-voting-app', tags: ['result'] }],
    inputs: nodeAppLib,
    dependsOn: ['node-base'],
  },
  {
    name: 'voting-worker',
    localRepo: 'playground/lesson-voting-worker',
    mirror: [{ repo: 'caylent/example-voting-app', tags: ['worker'] }],
    inputs: nodeAppLib,
    dependsOn: ['node-base'],
  },
  {
    name: 'redis-counter',
    localRepo: 'playground/lesson-redis-counter',
    mirror: [{ repo: 'katacoda/redis-node-docker-example', tags: ['latest'] }],
    inputs: nodeAppLib,
    dependsOn: ['node-base'],
  },
  ...STAND_INS,
];

export function findImage(name: string, catalog: readonly ImageSpec[] = CATALOG): ImageSpec {
  const spec = catalog.find((s) => s.name === name);
  if (!spec) throw new Error(`no image named "${name}" in the catalog`);
  return spec;
}

/** Every `repo:tag` the mirror serves, with the image that provides it. */
export function mirrorRefs(catalog: readonly ImageSpec[] = CATALOG): { ref: string; spec: ImageSpec }[] {
  return catalog.flatMap((spec) =>
    spec.mirror.flatMap((m) => m.tags.map((tag) => ({ ref: `${m.repo}:${tag}`, spec }))),
  );
}

/** The environment variable through which a recipe receives a dependency's tag. */
export function dependencyEnvName(name: string): string {
  return `IMAGE_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

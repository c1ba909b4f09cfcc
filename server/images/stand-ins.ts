// Images that stand in for popular Docker Hub images lessons and imported scenarios use, built
// from Debian's packages. Each behaves as the original where lessons touch it (see
// images/README.md); every tag below is the same build, whatever version the tag names.
import { alpineLib, rootfsLib, type ImageSpec } from './image-spec.js';

/** `v`, `v-alpine`, ... for each version ('' gives `alpine`, ...): official tag families. */
export function tagFamilies(versions: string[], suffixes: string[]): string[] {
  return versions.flatMap((v) => suffixes.map((s) => (v ? `${v}${s}` : s.slice(1)))).filter(Boolean);
}

const NGINX_TAGS = [
  'latest',
  ...tagFamilies(
    ['', '1', '1.21', '1.22', '1.23', '1.24', '1.25', '1.26', '1.27', 'stable', 'mainline'],
    ['', '-alpine'],
  ),
  'alpine-slim',
];
const PYTHON_TAGS = [
  'latest',
  ...tagFamilies(['', '3', '3.8', '3.9', '3.10', '3.11', '3.12', '3.13'], ['', '-alpine', '-slim']),
];
const GOLANG_TAGS = [
  'latest',
  ...tagFamilies(['', '1', '1.19', '1.20', '1.21', '1.22', '1.23'], ['', '-alpine', '-bookworm']),
];
const NODE_TAGS = ['latest', ...tagFamilies(['', 'lts', '16', '18', '20', '22'], ['', '-alpine', '-slim'])];

export const STAND_INS: ImageSpec[] = [
  {
    name: 'nginx',
    localRepo: 'playground/lesson-nginx',
    mirror: [{ repo: 'library/nginx', tags: NGINX_TAGS }],
    inputs: alpineLib,
    dependsOn: [],
  },
  {
    name: 'python',
    localRepo: 'playground/lesson-python',
    mirror: [{ repo: 'library/python', tags: PYTHON_TAGS }],
    inputs: alpineLib,
    dependsOn: [],
  },
  {
    name: 'registry',
    localRepo: 'playground/lesson-registry',
    mirror: [{ repo: 'library/registry', tags: ['2', '2.8', 'latest'] }],
    inputs: alpineLib,
    dependsOn: [],
  },
  {
    name: 'hello-world',
    localRepo: 'playground/lesson-hello-world',
    mirror: [{ repo: 'library/hello-world', tags: ['latest', 'linux'] }],
    inputs: rootfsLib,
    dependsOn: [],
  },
  {
    name: 'curl',
    localRepo: 'playground/lesson-curl',
    mirror: [{ repo: 'curlimages/curl', tags: ['latest'] }],
    inputs: alpineLib,
    dependsOn: [],
  },
  {
    name: 'bash',
    localRepo: 'playground/lesson-bash',
    mirror: [{ repo: 'library/bash', tags: ['latest', '4', '5', '5.1', '5.2'] }],
    inputs: alpineLib,
    dependsOn: [],
  },
  {
    name: 'ubuntu',
    localRepo: 'playground/lesson-ubuntu',
    mirror: [
      {
        repo: 'library/ubuntu',
        tags: ['latest', '18.04', '20.04', '22.04', '24.04', 'bionic', 'focal', 'jammy', 'noble'],
      },
    ],
    inputs: rootfsLib,
    dependsOn: [],
  },
  {
    name: 'golang',
    localRepo: 'playground/lesson-golang',
    mirror: [{ repo: 'library/golang', tags: GOLANG_TAGS }],
    inputs: alpineLib,
    dependsOn: [],
  },
  {
    name: 'node',
    localRepo: 'playground/lesson-node',
    mirror: [{ repo: 'library/node', tags: NODE_TAGS }],
    inputs: ['images/lib/alpine-notice.sh', 'images/lib/apk.sh'],
    dependsOn: ['node-base'],
    // npm comes from the running Node.js's installation.
    facts: () => [`node ${process.version} ${process.arch} ${process.execPath}`],
  },
];

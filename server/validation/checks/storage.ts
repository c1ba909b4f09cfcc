// Checks about what is stored: volumes, mounts, images, and files' contents.
import type { CheckOf, CheckResult } from '../../../common/checks.js';
import { message as m } from '../../../common/messages.js';
import {
  CheckError,
  QUERY_TIMEOUT_MS,
  containerName,
  explainDockerFailure,
  inspectVolume,
  listImages,
  matchesId,
} from '../docker-query.js';
import { imageMatches } from '../image-ref.js';
import { shellQuote as q, type SandboxShell } from '../shell.js';
import { requireContainer } from './containers.js';
import { fail, pass } from './result.js';

export async function volumeExists(shell: SandboxShell, c: CheckOf<'volume_exists'>): Promise<CheckResult> {
  const info = await inspectVolume(shell, c.volume);
  if (!info) return fail(m('volume-missing', { name: c.volume }));
  return pass(m('volume-exists', { name: info.Name }));
}

const trimSlash = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') : path);

export async function volumeMounted(shell: SandboxShell, c: CheckOf<'volume_mounted'>): Promise<CheckResult> {
  const info = await requireContainer(shell, c.container);
  const name = containerName(info);
  const mounts = info.Mounts ?? [];
  const isBind = c.volume?.startsWith('/') ?? false;
  const sameSource = (m: (typeof mounts)[number]) =>
    c.volume === undefined ||
    (isBind ? m.Type === 'bind' && trimSlash(m.Source) === trimSlash(c.volume) : m.Name === c.volume);
  const sameDestination = (m: (typeof mounts)[number]) =>
    c.destination === undefined || trimSlash(m.Destination) === trimSlash(c.destination);
  const hit = mounts.find((m) => sameSource(m) && sameDestination(m));
  if (hit)
    return pass(m('mount-found', { name, source: hit.Name ?? hit.Source, destination: hit.Destination }));
  const wanted = { name, volume: c.volume ?? '', destination: c.destination ?? '' };
  if (mounts.length === 0) return fail(m('mounts-none', wanted));
  const bySource = mounts.find(sameSource);
  if (bySource && c.destination) return fail(m('mount-elsewhere', { ...wanted, at: bySource.Destination }));
  const atDestination = mounts.find(sameDestination);
  if (atDestination && c.volume) {
    const source = atDestination.Name ?? atDestination.Source;
    return fail(m('mount-other-source', { ...wanted, source, at: atDestination.Destination }));
  }
  const list = mounts.map((mount) => `${mount.Name ?? mount.Source}:${mount.Destination}`).join(', ');
  return fail(m('mount-missing', { ...wanted, list }));
}

export async function imagePresent(shell: SandboxShell, c: CheckOf<'image_present'>): Promise<CheckResult> {
  const images = await listImages(shell);
  const hit = images.find(
    (i) =>
      (i.Repository !== '<none>' && imageMatches(c.image, `${i.Repository}:${i.Tag}`)) ||
      matchesId(i.ID, c.image),
  );
  if (hit) {
    const shown =
      hit.Repository === '<none>'
        ? hit.ID.replace(/^sha256:/, '').slice(0, 12)
        : `${hit.Repository}:${hit.Tag}`;
    return pass(m('image-present', { image: shown }));
  }
  return fail(m('image-missing', { image: c.image }));
}

/** Most bytes of a file read for a check. */
const MAX_FILE_BYTES = 1_000_000;

/**
 * Reads the file in the sandbox, or out of a container with `docker cp` (which works on
 * stopped containers and needs no tools inside them).
 */
function readFileScript(path: string, container: string | undefined): string {
  if (!container) {
    return (
      `if [ -f ${q(path)} ]; then exec head -c ${MAX_FILE_BYTES} ${q(path)}; ` +
      `elif [ -e ${q(path)} ]; then echo '@@not-a-file'; exit 3; else echo '@@missing'; exit 2; fi`
    );
  }
  return (
    `docker container inspect --format '{{.Id}}' ${q(container)} >/dev/null || exit 4; ` +
    `t=$(mktemp) || exit 1; trap 'rm -f "$t"' EXIT; ` +
    `if ! docker cp -L ${q(`${container}:${path}`)} - >"$t" 2>/dev/null; then echo '@@missing'; exit 2; fi; ` +
    `case "$(tar -tf "$t" | head -n 1)" in */) echo '@@not-a-file'; exit 3;; esac; ` +
    `tar -xOf "$t" | head -c ${MAX_FILE_BYTES}`
  );
}

export async function fileContains(shell: SandboxShell, c: CheckOf<'file_contains'>): Promise<CheckResult> {
  const at = { path: c.path, container: c.container ?? '' };
  const result = await shell.run(readFileScript(c.path, c.container), QUERY_TIMEOUT_MS);
  if (result.exitCode === 4) {
    if (/no such container/i.test(result.output)) {
      return fail(m('file-no-container', at));
    }
    throw new CheckError(explainDockerFailure(result));
  }
  if (result.exitCode === 2 && result.output.includes('@@missing')) return fail(m('file-missing', at));
  if (result.exitCode === 3 && result.output.includes('@@not-a-file')) return fail(m('file-not-a-file', at));
  if (result.exitCode !== 0) throw new CheckError(explainDockerFailure(result));
  if (result.output.includes(c.text)) return pass(m('file-contains', { ...at, text: c.text }));
  return fail(m('file-lacks', { ...at, text: c.text }));
}

// Checks about one container: that it exists, runs, uses an image, has a variable, a link.
import type { CheckOf, CheckResult } from '../../../common/checks.js';
import { message as m, type Message } from '../../../common/messages.js';
import { CheckError, containerName, imageId, inspectContainer, type ContainerInfo } from '../docker-query.js';
import { familiarName, imageMatches } from '../image-ref.js';
import type { SandboxShell } from '../shell.js';
import { fail, pass } from './result.js';

export function noContainerReason(name: string): Message {
  return m('container-missing', { name });
}

/** The container, or a CheckError saying it does not exist. */
export async function requireContainer(shell: SandboxShell, name: string): Promise<ContainerInfo> {
  const info = await inspectContainer(shell, name);
  if (!info) throw new CheckError(noContainerReason(name));
  return info;
}

/** "is not running (it exited with code 1)", or null when it runs. */
export function notRunningReason(info: ContainerInfo): Message | null {
  const { State } = info;
  const name = containerName(info);
  if (State.Paused) return m('container-paused', { name });
  if (State.Restarting) return m('container-restarting', { name, exitCode: State.ExitCode });
  if (State.Running) return null;
  if (State.Status === 'created') return m('container-never-started', { name });
  return m('container-exited', { name, exitCode: State.ExitCode });
}

export async function containerExists(
  shell: SandboxShell,
  c: CheckOf<'container_exists'>,
): Promise<CheckResult> {
  const info = await requireContainer(shell, c.container);
  return pass(m('container-exists', { name: containerName(info), status: info.State.Status }));
}

export async function containerRunning(
  shell: SandboxShell,
  c: CheckOf<'container_running'>,
): Promise<CheckResult> {
  const info = await requireContainer(shell, c.container);
  const problem = notRunningReason(info);
  return problem ? fail(problem) : pass(m('container-running', { name: containerName(info) }));
}

export async function containerUsesImage(
  shell: SandboxShell,
  c: CheckOf<'container_uses_image'>,
): Promise<CheckResult> {
  const info = await requireContainer(shell, c.container);
  const name = containerName(info);
  const used = info.Config.Image;
  if (imageMatches(c.image, used)) return pass(m('image-used', { name, image: familiarName(used) }));
  // Started from another name (a tag, an ID) of the very same image.
  const wantedId = await imageId(shell, c.image);
  if (wantedId && wantedId === info.Image) return pass(m('image-used-as', { name, image: c.image, used }));
  return fail(m('image-other', { name, image: c.image, used: familiarName(used) }));
}

const show = (value: string) => JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);

export async function containerEnv(shell: SandboxShell, c: CheckOf<'container_env'>): Promise<CheckResult> {
  const info = await requireContainer(shell, c.container);
  const name = containerName(info);
  const entry = (info.Config.Env ?? []).find((e) => e.startsWith(`${c.name}=`));
  if (entry === undefined) {
    return fail(m('env-missing', { name, variable: c.name }));
  }
  const value = entry.slice(c.name.length + 1);
  if (c.value !== undefined && value !== c.value) {
    return fail(m('env-other-value', { name, variable: c.name, value: show(value), wanted: show(c.value) }));
  }
  if (c.matches !== undefined && !new RegExp(c.matches).test(value)) {
    return fail(m('env-not-matching', { name, variable: c.name, value: show(value) }));
  }
  return pass(m('env-set', { name, variable: c.name, value: show(value) }));
}

/** "/redis-server:/counter/redis" (and the plain "redis-server:redis" of newer engines). */
export function parseLink(link: string): { target: string; alias: string } {
  const [target = '', alias = ''] = link.split(':');
  return { target: target.replace(/^\//, ''), alias: alias.split('/').pop() ?? '' };
}

export async function containerLink(shell: SandboxShell, c: CheckOf<'container_link'>): Promise<CheckResult> {
  const info = await requireContainer(shell, c.container);
  const name = containerName(info);
  const links = (info.HostConfig.Links ?? []).map(parseLink);
  const wanted = { name, target: c.target, alias: c.alias };
  if (links.length === 0) return fail(m('links-none', wanted));
  const toTarget = links.filter((l) => l.target === c.target);
  if (toTarget.some((l) => l.alias === c.alias)) {
    return pass(m('link-ok', wanted));
  }
  if (toTarget.length > 0) {
    const aliases = toTarget.map((l) => `"${l.alias}"`).join(', ');
    return fail(m('link-other-alias', { ...wanted, aliases }));
  }
  const others = links.map((l) => `"${l.target}"`).join(', ');
  return fail(m('link-other-target', { ...wanted, others }));
}

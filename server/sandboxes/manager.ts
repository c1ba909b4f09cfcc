// Creates, tracks and removes sandboxes: one Docker-in-Docker container per session
// host, on the session's own internal network, with its own volume for nested images.
import type Docker from 'dockerode';
import type { Config } from '../config.js';
import type { EngineCapabilities } from '../engine/capabilities.js';
import { logger } from '../log.js';
import { sandboxStartSeconds } from '../metrics/meters.js';
import { delegateCgroups } from './cgroups.js';
import { message } from '../../common/messages.js';
import { LearnerRefusal } from '../errors.js';
import { execCapture } from '../engine/exec.js';
import { explainEngineError } from './engine-errors.js';
import type { SandboxDisks } from './disks.js';
import { InstanceScope, LABEL } from './labels.js';
import { sandboxCreateOptions, type RecipeChoice } from './recipe.js';
import { installSessionKey, sessionSshKey } from './ssh-keys.js';

const log = logger('sandboxes');

/** Host of a session without a lesson; further hosts are node2, node3, ... */
export const PRIMARY_HOST = 'node1';

/**
 * The first host of every session also answers to this name on the session network, as
 * on Play with Docker and in the seed lessons (`curl docker:3000`).
 */
export const PRIMARY_ALIAS = 'docker';

/** What the engine's labels say about a live session. */
export interface SandboxRecord {
  sessionId: string;
  host: string;
  containerId: string;
  tokenHash: string;
  lessonId?: string;
  /** The warm pool it was started for, if any (see LABEL.pool). */
  pool?: string;
  client: string;
  expiresAt: Date;
  running: boolean;
  createdAt: Date;
}

export interface SandboxManagerOptions {
  docker: Docker;
  config: Config;
  capabilities: EngineCapabilities;
  recipe: RecipeChoice;
  image: string;
  /** Port of the registry mirror on the host; sandboxes reach it at their network gateway. */
  mirrorPort?: number;
  /** Each sandbox's own bounded disk; without it sandboxes write to the engine's disk unbounded. */
  disks?: SandboxDisks;
  /** The secret each session's ssh key is derived from (ssh-keys.ts); without it, no ssh between hosts. */
  sshSecret?: Buffer;
}

export interface CreateSandboxRequest {
  sessionId: string;
  tokenHash: string;
  client: string;
  expiresAt: Date;
  lessonId?: string;
  pool?: string;
}

export interface CreateHostOptions {
  /** The session's first host: it also answers to PRIMARY_ALIAS. */
  primary: boolean;
  /** Aborted when the host is no longer wanted (its session ended while it started): stop early. */
  signal?: AbortSignal;
}

/** Networks and volumes younger than this are never swept as orphans. */
const ORPHAN_GRACE_MS = 120_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class SandboxManager {
  /** This playground's own objects: every name, label and list below goes through it. */
  readonly scope: InstanceScope;

  constructor(private readonly opts: SandboxManagerOptions) {
    this.scope = new InstanceScope(opts.config.instance);
  }

  get docker(): Docker {
    return this.opts.docker;
  }

  /** The host's /var/lib/docker volume, on its own bounded disk where disks are set up. */
  private async dataVolume(sessionId: string, host: string, common: Record<string, string>): Promise<string> {
    const { docker, disks } = this.opts;
    const volume = this.scope.objectName(sessionId, `${host}-data`);
    // The volume first: a sweep releases only disks whose volume is gone.
    await docker.createVolume({
      Name: volume,
      Labels: this.scope.labelsFor('docker-data', sessionId, { ...common, [LABEL.host]: host }),
      ...(disks ? { DriverOpts: disks.volumeOptions(volume) } : {}),
    });
    await disks?.create(volume);
    return volume;
  }

  /**
   * Creates one host of a session: the session's network (the first time), a volume and the
   * sandbox, and resolves when its daemon answers. A host that fails is removed again; the
   * session's other hosts are left alone.
   */
  async create(
    req: CreateSandboxRequest,
    host = PRIMARY_HOST,
    { primary, signal }: CreateHostOptions = { primary: true },
  ): Promise<Docker.Container> {
    const { docker, config, image } = this.opts;
    const started = Date.now();
    const common = { [LABEL.expires]: req.expiresAt.toISOString() };
    try {
      const { name: networkName, gateway } = await this.sessionNetwork(req.sessionId, common);
      signal?.throwIfAborted();
      const volume = await this.dataVolume(req.sessionId, host, common);
      const { disks } = this.opts;
      const container = await docker.createContainer(
        sandboxCreateOptions({
          name: this.scope.objectName(req.sessionId, host),
          image,
          hostName: host,
          aliases: primary && host !== PRIMARY_ALIAS ? [PRIMARY_ALIAS] : [],
          network: networkName,
          volume,
          labels: this.scope.labelsFor('sandbox', req.sessionId, {
            ...common,
            [LABEL.host]: host,
            [LABEL.tokenHash]: req.tokenHash,
            [LABEL.client]: req.client,
            ...(req.lessonId ? { [LABEL.lesson]: req.lessonId } : {}),
            ...(req.pool ? { [LABEL.pool]: req.pool } : {}),
          }),
          mirror: gateway && this.opts.mirrorPort ? `${gateway}:${this.opts.mirrorPort}` : undefined,
          limits: config.limits,
          runtime: config.runtime,
          recipe: this.opts.recipe.name,
        }),
      );
      await disks?.attachLayer(volume, container);
      signal?.throwIfAborted();
      await container.start();
      if (this.opts.recipe.name === 'userns') {
        const { State } = await container.inspect();
        await delegateCgroups(State.Pid, this.opts.capabilities.remappedRoot!);
      }
      await this.waitUntilReady(container, signal);
      if (this.opts.sshSecret)
        await installSessionKey(container, sessionSshKey(this.opts.sshSecret, req.sessionId));
      const ms = Date.now() - started;
      sandboxStartSeconds.observe(ms / 1000);
      log.info({ sessionId: req.sessionId, host, ms }, `sandbox ${host} ready in ${ms} ms`);
      return container;
    } catch (err) {
      const explained = explainEngineError(err, { image });
      if (signal?.aborted)
        log.info(`session ${req.sessionId}: sandbox ${host} no longer wanted; removing it`);
      else log.warn(`session ${req.sessionId}: sandbox ${host} failed: ${explained.message}`);
      // A start no longer wanted removes only its own host: whoever aborted it removes the rest.
      if (primary && !signal?.aborted) await this.destroy(req.sessionId).catch(() => undefined);
      else await this.destroyHost(req.sessionId, host).catch(() => undefined);
      throw explained;
    }
  }

  /** Session networks being created: a session's hosts start together and share one. */
  private readonly networksMade = new Map<string, Promise<{ name: string; gateway?: string }>>();

  /**
   * The session's internal network, created on first use. One creation per session at a time:
   * the engine's duplicate check races, and two networks of one name make the name ambiguous.
   */
  private sessionNetwork(sessionId: string, labels: Record<string, string>) {
    const pending = this.networksMade.get(sessionId);
    if (pending) return pending;
    const made = this.makeSessionNetwork(sessionId, labels).finally(() =>
      this.networksMade.delete(sessionId),
    );
    this.networksMade.set(sessionId, made);
    return made;
  }

  private async makeSessionNetwork(
    sessionId: string,
    labels: Record<string, string>,
  ): Promise<{ name: string; gateway?: string }> {
    const { docker } = this.opts;
    const name = this.scope.objectName(sessionId, 'net');
    let network: Docker.Network;
    try {
      network = await docker.createNetwork({
        Name: name,
        Driver: 'bridge',
        // No route out: learners reach each other's sandboxes, the internet and the host's
        // LAN through nothing. The gateway stays reachable for the registry mirror.
        Internal: true,
        CheckDuplicate: true,
        Labels: this.scope.labelsFor('network', sessionId, labels),
      });
    } catch (err) {
      // A second host of the session: the network is already there.
      if ((err as { statusCode?: number }).statusCode !== 409) throw err;
      network = docker.getNetwork(name);
    }
    return { name, gateway: await networkGateway(network) };
  }

  /** Removes one host of a session: its sandbox and its volume. Idempotent. */
  async destroyHost(sessionId: string, host: string): Promise<void> {
    const filters = this.scope.sessionFilter(sessionId, `${LABEL.host}=${host}`);
    await this.removeContainersAndVolumes(filters);
  }

  /** Removes this instance's containers (with their anonymous volumes), then its volumes, that match. */
  private async removeContainersAndVolumes(filters: { label: string[] }): Promise<void> {
    const { docker } = this.opts;
    const containers = (await docker.listContainers({ all: true, filters })).filter((c) =>
      this.scope.owns(c.Labels),
    );
    await Promise.all(
      containers.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true }).catch(ignoreMissing)),
    );
    const volumes = ((await docker.listVolumes({ filters })).Volumes ?? []).filter((v) =>
      this.scope.owns(v.Labels),
    );
    await Promise.all(
      volumes.map((v) =>
        this.removeVolume(v.Name).catch((err: Error) => log.warn(`volume ${v.Name}: ${err.message}`)),
      ),
    );
  }

  /** Removes a volume, then its disk; a volume still in use (409) keeps its disk. */
  private async removeVolume(name: string): Promise<void> {
    try {
      await this.opts.docker.getVolume(name).remove();
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode !== 404) throw err;
    }
    await this.opts.disks?.release(name);
  }

  /** Polls the inner daemon with `docker version` until it answers. */
  async waitUntilReady(container: Docker.Container, signal?: AbortSignal): Promise<void> {
    const deadline = Date.now() + this.opts.config.sandboxReadyTimeoutMs;
    while (Date.now() < deadline) {
      signal?.throwIfAborted();
      const { exitCode } = await execCapture(container, [
        'docker',
        'version',
        '--format',
        '{{.Server.Version}}',
      ]);
      if (exitCode === 0) return;
      const { State } = await container.inspect();
      if (!State.Running) {
        throw new LearnerRefusal(
          message('sandbox-stopped-starting', { exit: State.ExitCode, container: container.id.slice(0, 12) }),
          500,
        );
      }
      await sleep(100);
    }
    throw new LearnerRefusal(
      message('sandbox-daemon-silent', { seconds: this.opts.config.sandboxReadyTimeoutMs / 1000 }),
      504,
    );
  }

  /** A host's sandbox container (a running one only, if `running`), or null; one engine call. */
  async container(sessionId: string, host = PRIMARY_HOST, running = false): Promise<Docker.Container | null> {
    const filters = this.scope.sessionFilter(sessionId, `${LABEL.host}=${host}`, `${LABEL.role}=sandbox`);
    const list = await this.opts.docker.listContainers({
      all: !running,
      filters: running ? { ...filters, status: ['running'] } : filters,
    });
    const mine = list.find((c) => this.scope.owns(c.Labels));
    return mine ? this.opts.docker.getContainer(mine.Id) : null;
  }

  /** The host's sandbox container if it is running, or null (removed, stopped, never made). */
  runningContainer(sessionId: string, host: string): Promise<Docker.Container | null> {
    return this.container(sessionId, host, true);
  }

  /** Removes every object of the session: containers, volumes, network. Idempotent. */
  async destroy(sessionId: string): Promise<void> {
    const { docker } = this.opts;
    const filters = this.scope.sessionFilter(sessionId);
    await this.removeContainersAndVolumes(filters);
    const networks = (await docker.listNetworks({ filters })).filter((n) => this.scope.owns(n.Labels));
    await Promise.all(networks.map((n) => removeNetwork(docker.getNetwork(n.Id))));
  }

  /** Every sandbox of this instance the engine holds, read from labels. */
  async list(): Promise<SandboxRecord[]> {
    const list = await this.opts.docker.listContainers({
      all: true,
      filters: this.scope.filter(`${LABEL.role}=sandbox`),
    });
    return list
      .filter((c) => this.scope.owns(c.Labels))
      .map((c) => ({
        sessionId: c.Labels[LABEL.session] ?? '',
        host: c.Labels[LABEL.host] ?? '',
        containerId: c.Id,
        tokenHash: c.Labels[LABEL.tokenHash] ?? '',
        ...(c.Labels[LABEL.lesson] ? { lessonId: c.Labels[LABEL.lesson] } : {}),
        ...(c.Labels[LABEL.pool] ? { pool: c.Labels[LABEL.pool] } : {}),
        client: c.Labels[LABEL.client] ?? '',
        expiresAt: new Date(c.Labels[LABEL.expires] ?? 0),
        running: c.State === 'running',
        createdAt: new Date(c.Created * 1000),
      }));
  }

  /**
   * Removes what cannot be a live session: stopped or expired sandboxes, sandboxes with
   * broken labels, and networks or volumes whose sandbox is gone. Returns the live ones.
   * `expiryOf` says when a session really ends where that is not its label (an extension).
   */
  async sweep(
    inFlight: ReadonlySet<string> = new Set(),
    now = new Date(),
    expiryOf: (record: SandboxRecord) => Date = (record) => record.expiresAt,
  ): Promise<SandboxRecord[]> {
    const { docker } = this.opts;
    const live: SandboxRecord[] = [];
    for (const record of await this.list()) {
      if (inFlight.has(record.sessionId)) continue;
      const valid = record.sessionId && record.tokenHash && !isNaN(record.expiresAt.getTime());
      if (valid && record.running && expiryOf(record) > now) live.push(record);
      // Another server process may be starting this sandbox right now: created, not yet running.
      else if (!record.running && now.getTime() - record.createdAt.getTime() < ORPHAN_GRACE_MS) continue;
      else {
        log.info(`removing sandbox of session ${record.sessionId || '?'} (stopped, expired or unlabelled)`);
        if (record.sessionId) await this.destroy(record.sessionId).catch(() => undefined);
        await docker.getContainer(record.containerId).remove({ force: true, v: true }).catch(ignoreMissing);
      }
    }
    // A network or volume without its sandbox is an orphan, unless it is young: another
    // server process may be creating that session right now.
    const liveIds = new Set([...live.map((r) => r.sessionId), ...inFlight]);
    const isOrphan = (labels: Record<string, string> | undefined, created: string | undefined) =>
      this.scope.owns(labels) &&
      !liveIds.has(labels?.[LABEL.session] ?? '') &&
      now.getTime() - Date.parse(created ?? '') > ORPHAN_GRACE_MS;
    const filters = this.scope.filter();
    const { Volumes } = await docker.listVolumes({ filters });
    for (const v of Volumes ?? []) {
      const createdAt = (v as { CreatedAt?: string }).CreatedAt;
      if (isOrphan(v.Labels, createdAt)) await docker.getVolume(v.Name).remove().catch(ignoreMissing);
    }
    for (const n of await docker.listNetworks({ filters })) {
      if (isOrphan(n.Labels, n.Created)) await docker.getNetwork(n.Id).remove().catch(ignoreMissing);
    }
    await this.opts.disks?.sweep((name) => volumeExists(docker, name));
    return live;
  }
}

/** The engine can report a removed container's endpoint as active for a moment; retry briefly. */
async function removeNetwork(network: Docker.Network): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await network.remove();
    } catch (err) {
      const e = err as { statusCode?: number; message?: string };
      if (e.statusCode === 404) return;
      if (attempt >= 20 || !/active endpoints/.test(e.message ?? '')) throw err;
      await sleep(100);
    }
  }
}

async function volumeExists(docker: Docker, name: string): Promise<boolean> {
  return docker
    .getVolume(name)
    .inspect()
    .then(
      () => true,
      (err: { statusCode?: number }) => err.statusCode !== 404,
    );
}

function ignoreMissing(err: { statusCode?: number }): void {
  if (err.statusCode !== 404 && err.statusCode !== 409) throw err;
}

async function networkGateway(network: Docker.Network): Promise<string | undefined> {
  const info = (await network.inspect()) as { IPAM?: { Config?: { Gateway?: string }[] } };
  return info.IPAM?.Config?.find((c) => c.Gateway)?.Gateway;
}

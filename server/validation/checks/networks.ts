// Checks about networks: that one exists, who is on it under which names, what resolves
// there, and which ports the sandbox publishes.
import type { CheckOf, CheckResult } from '../../../common/checks.js';
import {
  CheckError,
  QUERY_TIMEOUT_MS,
  containerName,
  explainDockerFailure,
  inspectContainer,
  inspectNetwork,
  matchesId,
  runningContainers,
  type ContainerInfo,
  type NetworkInfo,
} from '../docker-query.js';
import { shellQuote as q, type SandboxShell } from '../shell.js';
import { noContainerReason, notRunningReason, requireContainer } from './containers.js';
import { fail, pass } from './result.js';

const noNetworkReason = (name: string) =>
  `No network named "${name}" yet. Create it with docker network create ${name}.`;

async function requireNetwork(shell: SandboxShell, name: string): Promise<NetworkInfo> {
  const info = await inspectNetwork(shell, name);
  if (!info) throw new CheckError(noNetworkReason(name));
  return info;
}

export async function networkExists(shell: SandboxShell, c: CheckOf<'network_exists'>): Promise<CheckResult> {
  const info = await requireNetwork(shell, c.network);
  return pass(`Network "${info.Name}" exists (${info.Driver} driver).`);
}

export async function containerOnNetwork(
  shell: SandboxShell,
  c: CheckOf<'container_on_network'>,
): Promise<CheckResult> {
  const info = await requireContainer(shell, c.container);
  const name = containerName(info);
  const networks = info.NetworkSettings.Networks ?? {};
  const endpoint = networks[c.network];
  if (!endpoint) {
    if (!(await inspectNetwork(shell, c.network))) return fail(noNetworkReason(c.network));
    const on = Object.keys(networks);
    const where = on.length ? ` (it is on ${on.join(', ')})` : '';
    const alias = c.alias ? `--alias ${c.alias} ` : '';
    return fail(
      `"${name}" is not on ${c.network}${where}. Connect it with docker network connect ${alias}${c.network} ${name}.`,
    );
  }
  if (!c.alias) return pass(`"${name}" is on ${c.network}.`);
  const names = new Set([...(endpoint.Aliases ?? []), ...(endpoint.DNSNames ?? [])]);
  if (names.has(c.alias)) return pass(`"${name}" is on ${c.network} with the alias "${c.alias}".`);
  return fail(
    `"${name}" is on ${c.network} but without the alias "${c.alias}". Reconnect it: ` +
      `docker network disconnect ${c.network} ${name}, then docker network connect --alias ${c.alias} ${c.network} ${name}.`,
  );
}

const DEFAULT_NETWORKS = new Set(['bridge', 'host', 'none']);

/**
 * Asks Docker's embedded DNS server from inside the network namespace of a container on
 * the network (nsenter, as the sandbox's root): the answer that container would get,
 * without starting a probe container.
 */
export async function nameResolves(shell: SandboxShell, c: CheckOf<'name_resolves'>): Promise<CheckResult> {
  const net = await requireNetwork(shell, c.network);
  if (DEFAULT_NETWORKS.has(net.Name)) {
    return fail(
      `Names do not resolve on Docker's default "${net.Name}" network. Create a network of your own ` +
        `(docker network create ...) and run the containers on it.`,
    );
  }
  const members = Object.entries(net.Containers ?? {});
  const target = members.find(([id, m]) => m.Name === c.container || matchesId(id, c.container));
  if (!target) return fail(await notOnNetworkReason(shell, c.container, net.Name));
  const [targetId, targetEndpoint] = target;
  const targetIp = targetEndpoint.IPv4Address.split('/')[0] ?? '';
  // Prefer another container on the network: it asks as a neighbour would.
  const [resolverId] = members.find(([id]) => id !== targetId) ?? target;
  const script =
    `pid=$(docker container inspect --format '{{.State.Pid}}' ${q(resolverId)}) && [ "$pid" -gt 0 ] && ` +
    `exec nsenter --net=/proc/$pid/ns/net dig +short +time=2 +tries=2 @127.0.0.11 ${q(c.name)} A`;
  const result = await shell.run(script, QUERY_TIMEOUT_MS);
  if (result.exitCode !== 0 && result.exitCode !== 9) throw new CheckError(explainDockerFailure(result));
  const addresses = result.output.split('\n').filter((l) => /^\d+\.\d+\.\d+\.\d+$/.test(l.trim()));
  if (addresses.includes(targetIp)) {
    return pass(`On ${net.Name}, the name ${c.name} leads to "${targetEndpoint.Name}" (${targetIp}).`);
  }
  if (addresses.length === 0) {
    const hint =
      c.name === targetEndpoint.Name
        ? ''
        : ` Give "${targetEndpoint.Name}" that name: docker network connect --alias ${c.name} ${net.Name} ${targetEndpoint.Name}` +
          ` (or --network-alias ${c.name} on docker run).`;
    return fail(`On ${net.Name}, the name ${c.name} does not resolve yet.${hint}`);
  }
  const owners = addresses.map((ip) => {
    const owner = members.find(([, m]) => m.IPv4Address.split('/')[0] === ip);
    return owner ? `${ip} ("${owner[1].Name}")` : ip;
  });
  return fail(
    `On ${net.Name}, the name ${c.name} leads to ${owners.join(', ')}, not to "${targetEndpoint.Name}" (${targetIp}).`,
  );
}

async function notOnNetworkReason(shell: SandboxShell, container: string, network: string): Promise<string> {
  const info = await inspectContainer(shell, container);
  if (!info) return noContainerReason(container);
  const notRunning = notRunningReason(info);
  if (notRunning) return notRunning;
  const name = containerName(info);
  return `"${name}" is not on ${network}, so no name there leads to it. Connect it with docker network connect ${network} ${name}.`;
}

/** "3000/tcp" -> host ports it is published on. */
function publishedPorts(info: ContainerInfo): { containerPort: string; hostPort: string }[] {
  return Object.entries(info.NetworkSettings.Ports ?? {}).flatMap(([containerPort, bindings]) =>
    (bindings ?? []).map((b) => ({ containerPort, hostPort: b.HostPort })),
  );
}

export async function portPublished(shell: SandboxShell, c: CheckOf<'port_published'>): Promise<CheckResult> {
  const port = String(c.port);
  const hint = `Ports are published when a container is created: docker run -p ${port}:<port in the container> ...`;
  if (c.container === undefined) {
    for (const info of await runningContainers(shell)) {
      const hit = publishedPorts(info).find((p) => p.hostPort === port);
      if (hit)
        return pass(`Port ${port} is published by "${containerName(info)}" (its port ${hit.containerPort}).`);
    }
    return fail(`Nothing is published on port ${port} yet. ${hint}`);
  }
  const info = await requireContainer(shell, c.container);
  const name = containerName(info);
  const notRunning = notRunningReason(info);
  if (notRunning) {
    const configured = Object.values(info.HostConfig.PortBindings ?? {}).some((bs) =>
      (bs ?? []).some((b) => b.HostPort === port),
    );
    return fail(configured ? `${notRunning} Once it runs, it publishes port ${port}.` : notRunning);
  }
  const ports = publishedPorts(info);
  const hit = ports.find((p) => p.hostPort === port);
  if (hit) return pass(`"${name}" publishes its port ${hit.containerPort} on port ${port}.`);
  if (ports.length === 0) return fail(`"${name}" publishes no ports. ${hint}`);
  const list = [...new Set(ports.map((p) => `${p.hostPort} (its ${p.containerPort})`))].join(', ');
  return fail(`"${name}" publishes ${list}, but not ${port}. ${hint}`);
}

// Checks about networks: that one exists, who is on it under which names, what resolves
// there, and which ports the sandbox publishes.
import type { CheckOf, CheckResult } from '../../../common/checks.js';
import { message as m, type Message } from '../../../common/messages.js';
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

const noNetworkReason = (name: string) => m('network-missing', { name });

async function requireNetwork(shell: SandboxShell, name: string): Promise<NetworkInfo> {
  const info = await inspectNetwork(shell, name);
  if (!info) throw new CheckError(noNetworkReason(name));
  return info;
}

export async function networkExists(shell: SandboxShell, c: CheckOf<'network_exists'>): Promise<CheckResult> {
  const info = await requireNetwork(shell, c.network);
  return pass(m('network-exists', { name: info.Name, driver: info.Driver }));
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
    const others = Object.keys(networks).join(', ');
    return fail(m('network-not-joined', { name, network: c.network, others, alias: c.alias ?? '' }));
  }
  if (!c.alias) return pass(m('network-joined', { name, network: c.network }));
  const names = new Set([...(endpoint.Aliases ?? []), ...(endpoint.DNSNames ?? [])]);
  const wanted = { name, network: c.network, alias: c.alias };
  if (names.has(c.alias)) return pass(m('network-joined-alias', wanted));
  return fail(m('network-alias-missing', wanted));
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
    return fail(m('dns-default-network', { network: net.Name }));
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
  const asked = { network: net.Name, host: c.name, target: targetEndpoint.Name, ip: targetIp };
  if (addresses.includes(targetIp)) return pass(m('dns-resolves', asked));
  if (addresses.length === 0) {
    return fail(
      c.name === targetEndpoint.Name
        ? m('dns-unresolved', { network: net.Name, host: c.name })
        : m('dns-unresolved-alias', asked),
    );
  }
  const owners = addresses.map((ip) => {
    const owner = members.find(([, m]) => m.IPv4Address.split('/')[0] === ip);
    return owner ? `${ip} ("${owner[1].Name}")` : ip;
  });
  return fail(m('dns-elsewhere', { ...asked, owners: owners.join(', ') }));
}

async function notOnNetworkReason(shell: SandboxShell, container: string, network: string): Promise<Message> {
  const info = await inspectContainer(shell, container);
  if (!info) return noContainerReason(container);
  const notRunning = notRunningReason(info);
  if (notRunning) return notRunning;
  const name = containerName(info);
  return m('dns-not-joined', { name, network });
}

/** "3000/tcp" -> host ports it is published on. */
function publishedPorts(info: ContainerInfo): { containerPort: string; hostPort: string }[] {
  return Object.entries(info.NetworkSettings.Ports ?? {}).flatMap(([containerPort, bindings]) =>
    (bindings ?? []).map((b) => ({ containerPort, hostPort: b.HostPort })),
  );
}

export async function portPublished(shell: SandboxShell, c: CheckOf<'port_published'>): Promise<CheckResult> {
  const port = String(c.port);
  if (c.container === undefined) {
    for (const info of await runningContainers(shell)) {
      const hit = publishedPorts(info).find((p) => p.hostPort === port);
      if (hit)
        return pass(
          m('port-published-by', { port: c.port, name: containerName(info), inner: hit.containerPort }),
        );
    }
    return fail(m('port-free', { port: c.port }));
  }
  const info = await requireContainer(shell, c.container);
  const name = containerName(info);
  const notRunning = notRunningReason(info);
  if (notRunning) {
    const configured = Object.values(info.HostConfig.PortBindings ?? {}).some((bs) =>
      (bs ?? []).some((b) => b.HostPort === port),
    );
    return fail(configured ? m('port-once-running', { problem: notRunning, port: c.port }) : notRunning);
  }
  const ports = publishedPorts(info);
  const hit = ports.find((p) => p.hostPort === port);
  if (hit) return pass(m('port-published', { name, inner: hit.containerPort, port: c.port }));
  if (ports.length === 0) return fail(m('ports-none', { name, port: c.port }));
  const list = [...new Set(ports.map((p) => `${p.hostPort} (its ${p.containerPort})`))].join(', ');
  return fail(m('ports-other', { name, list, port: c.port }));
}

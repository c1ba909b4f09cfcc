// Keeps learners off the host's own services. Session networks are internal (no route
// out, none to each other), but their gateway is the host itself: without these rules a
// sandbox could reach anything listening on the host (the playground server when exposed,
// an engine TCP port, SSH, databases). Only the registry mirror port is let through, and
// only so many connections to it at once.
//
// Traffic is matched by the bridge it arrives on, never by its source address: a learner is
// root in the sandbox's network namespace and can give it any source address, and can turn
// IPv6 on there (link-local addresses need no router). So both families are filtered, and a
// packet whose source would not be routed back over the bridge it came in on is dropped.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SESSION_NETWORK_PREFIX } from '../engine/managed-engine.js';

const run = promisify(execFile);

export const FIREWALL_CHAIN = 'PLAYGROUND-SANDBOXES';

/**
 * Bridges of the engine the playground starts: `br-<network id>` for every network it makes
 * (the session networks) and `docker0`, its default bridge. The firewall is installed only
 * on that engine, where every network is the playground's.
 */
export const SANDBOX_BRIDGES = ['br-+', 'docker0'] as const;

/**
 * Connections one session network may hold open to the mirror at once. A pull opens a few
 * (three layers at a time, plus keep-alive ones); five hosts pulling together stay far below.
 * Counted per session network, not per address: a learner can add addresses of its own
 * subnet to the sandbox, but not of another (the anti-spoofing rule drops them). With the
 * session limit this keeps the mirror's open files (20,000 on these machines) out of reach.
 */
export const MIRROR_CONNECTIONS_PER_SESSION = 64;

type Rule = string[];

/** The IPv4 chain: replies, the mirror port within the connection limit, nothing else. */
export function firewallRules(mirrorPort: number): Rule[] {
  const mirror = ['-p', 'tcp', '--dport', String(mirrorPort)];
  return [
    ['-N', FIREWALL_CHAIN],
    ['-F', FIREWALL_CHAIN],
    ['-A', FIREWALL_CHAIN, '-m', 'conntrack', '--ctstate', 'ESTABLISHED,RELATED', '-j', 'RETURN'],
    [
      ...['-A', FIREWALL_CHAIN, ...mirror, '-m', 'connlimit'],
      ...['--connlimit-above', String(MIRROR_CONNECTIONS_PER_SESSION)],
      ...['--connlimit-mask', String(SESSION_NETWORK_PREFIX), '--connlimit-saddr'],
      ...['-j', 'REJECT', '--reject-with', 'tcp-reset'],
    ],
    ['-A', FIREWALL_CHAIN, ...mirror, '-j', 'RETURN'],
    ['-A', FIREWALL_CHAIN, '-p', 'tcp', '-j', 'REJECT', '--reject-with', 'tcp-reset'],
    ['-A', FIREWALL_CHAIN, '-j', 'REJECT', '--reject-with', 'icmp-port-unreachable'],
  ];
}

/** The IPv6 chain: sandboxes have no IPv6 service on the host and no IPv6 route anywhere. */
export function firewall6Rules(): Rule[] {
  return [
    ['-N', FIREWALL_CHAIN],
    ['-F', FIREWALL_CHAIN],
    ['-A', FIREWALL_CHAIN, '-p', 'tcp', '-j', 'REJECT', '--reject-with', 'tcp-reset'],
    ['-A', FIREWALL_CHAIN, '-j', 'REJECT', '--reject-with', 'icmp6-adm-prohibited'],
  ];
}

export interface Hook {
  table: 'filter' | 'raw';
  chain: string;
  rule: Rule;
}

/** Where traffic from the bridges enters the chains, for one address family. */
export function firewallHooks(family: 4 | 6): Hook[] {
  const hooks: Hook[] = [];
  for (const bridge of SANDBOX_BRIDGES) {
    hooks.push({ table: 'filter', chain: 'INPUT', rule: ['-i', bridge, '-j', FIREWALL_CHAIN] });
    if (family === 6) {
      // Docker forwards no IPv6 for these networks; nothing else may either.
      hooks.push({ table: 'filter', chain: 'FORWARD', rule: ['-i', bridge, '-j', FIREWALL_CHAIN] });
    } else {
      // Before routing and conntrack: a spoofed packet gets no answer and no state.
      const antiSpoof = ['-i', bridge, '-m', 'rpfilter', '--invert', '-j', 'DROP'];
      hooks.push({ table: 'raw', chain: 'PREROUTING', rule: antiSpoof });
    }
  }
  return hooks;
}

async function tables(bin: string, args: string[]): Promise<{ ok: boolean; out: string }> {
  try {
    const { stdout } = await run(bin, ['-w', ...args]);
    return { ok: true, out: stdout };
  } catch {
    return { ok: false, out: '' };
  }
}

/** Removes jumps into the chain other than the hooks, so only the bridges decide who enters. */
async function removeStrayJumps(bin: string, hooks: Hook[]): Promise<void> {
  for (const chain of ['INPUT', 'FORWARD']) {
    const wanted = hooks
      .filter((h) => h.table === 'filter' && h.chain === chain)
      .map((h) => h.rule.join(' '));
    const { out } = await tables(bin, ['-S', chain]);
    for (const line of out.split('\n')) {
      const rule = line.split(' ').slice(2); // "-A INPUT <rule>"
      if (!line.endsWith(`-j ${FIREWALL_CHAIN}`) || wanted.includes(rule.join(' '))) continue;
      await tables(bin, ['-D', chain, ...rule]);
    }
  }
}

async function installFamily(bin: string, rules: Rule[], hooks: Hook[]): Promise<void> {
  const [create, ...rest] = rules;
  await tables(bin, create!); // fails harmlessly when the chain exists
  for (const rule of rest) {
    if (!(await tables(bin, rule)).ok) throw new Error(`${bin} ${rule.join(' ')} failed`);
  }
  await removeStrayJumps(bin, hooks);
  for (const { table, chain, rule } of hooks) {
    if ((await tables(bin, ['-t', table, '-C', chain, ...rule])).ok) continue;
    if (!(await tables(bin, ['-t', table, '-I', chain, ...rule])).ok) {
      throw new Error(`${bin} -t ${table} -I ${chain} ${rule.join(' ')} failed`);
    }
  }
}

/** Installs the chains for traffic from the engine's bridges to the host. Idempotent. */
export async function installSandboxFirewall(mirrorPort: number): Promise<void> {
  await installFamily('iptables', firewallRules(mirrorPort), firewallHooks(4));
  await installFamily('ip6tables', firewall6Rules(), firewallHooks(6));
}

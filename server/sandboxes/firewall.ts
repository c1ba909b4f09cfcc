// Keeps learners off the host's own services. Session networks are internal (no route
// out, none to each other), but their gateway is the host itself: without this chain a
// sandbox could reach anything listening on the host (the playground server when exposed,
// an engine TCP port, SSH, databases). Only the registry mirror port is let through.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const FIREWALL_CHAIN = 'PLAYGROUND-SANDBOXES';

/** The iptables commands that (re)build the chain; pure so it can be read and tested. */
export function firewallRules(mirrorPort: number): string[][] {
  return [
    ['-N', FIREWALL_CHAIN],
    ['-F', FIREWALL_CHAIN],
    ['-A', FIREWALL_CHAIN, '-m', 'conntrack', '--ctstate', 'ESTABLISHED,RELATED', '-j', 'RETURN'],
    ['-A', FIREWALL_CHAIN, '-p', 'tcp', '--dport', String(mirrorPort), '-j', 'RETURN'],
    ['-A', FIREWALL_CHAIN, '-p', 'tcp', '-j', 'REJECT', '--reject-with', 'tcp-reset'],
    ['-A', FIREWALL_CHAIN, '-j', 'REJECT', '--reject-with', 'icmp-port-unreachable'],
  ];
}

async function iptables(args: string[]): Promise<boolean> {
  try {
    await run('iptables', ['-w', ...args]);
    return true;
  } catch {
    return false;
  }
}

/** Installs the chain for traffic from sandboxes (sourceCidr) to the host. Idempotent. */
export async function installSandboxFirewall(sourceCidr: string, mirrorPort: number): Promise<void> {
  const [create, ...rules] = firewallRules(mirrorPort);
  await iptables(create!); // fails harmlessly when the chain exists
  for (const rule of rules) {
    if (!(await iptables(rule))) throw new Error(`iptables ${rule.join(' ')} failed`);
  }
  const jump = ['INPUT', '-s', sourceCidr, '-j', FIREWALL_CHAIN];
  if (!(await iptables(['-C', ...jump]))) {
    if (!(await iptables(['-I', ...jump])))
      throw new Error('iptables could not hook the sandbox chain into INPUT');
  }
}

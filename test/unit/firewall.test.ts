import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  FIREWALL_CHAIN,
  MIRROR_CONNECTIONS_PER_SESSION,
  firewall6Rules,
  firewallHooks,
  firewallRules,
} from '../../server/sandboxes/firewall.js';

test('sandboxes may reach only the mirror port on the host; everything else is rejected', () => {
  const rules = firewallRules(5000).map((r) => r.join(' '));
  const accepts = rules.filter((r) => r.includes('-j RETURN'));
  assert.deepEqual(accepts, [
    `-A ${FIREWALL_CHAIN} -m conntrack --ctstate ESTABLISHED,RELATED -j RETURN`,
    `-A ${FIREWALL_CHAIN} -p tcp --dport 5000 -j RETURN`,
  ]);
  assert.match(rules.at(-1)!, /-j REJECT/, 'the chain ends by rejecting');
  assert.equal(rules[1], `-F ${FIREWALL_CHAIN}`, 'a rerun starts from an empty chain');
});

test('a session network holds only so many connections to the mirror', () => {
  const rules = firewallRules(5000).map((r) => r.join(' '));
  const limit = rules.findIndex((r) => r.includes('connlimit'));
  const mirror = rules.indexOf(`-A ${FIREWALL_CHAIN} -p tcp --dport 5000 -j RETURN`);
  assert.ok(limit >= 0 && limit < mirror, 'the limit comes before the mirror is let through');
  assert.match(rules[limit]!, new RegExp(`--connlimit-above ${MIRROR_CONNECTIONS_PER_SESSION} `));
  assert.match(rules[limit]!, /--connlimit-mask 24 --connlimit-saddr -j REJECT/);
});

test('IPv6 from sandboxes reaches nothing: no service on the host, no forwarding', () => {
  const rules = firewall6Rules().map((r) => r.join(' '));
  assert.ok(!rules.some((r) => r.includes('RETURN') || r.includes('ACCEPT')));
  assert.match(rules.at(-1)!, /-j REJECT/);
  const chains = firewallHooks(6).map((h) => `${h.table} ${h.chain}`);
  assert.deepEqual([...new Set(chains)].sort(), ['filter FORWARD', 'filter INPUT']);
});

test('traffic is matched by the bridge it comes from, never by its source address', () => {
  for (const family of [4, 6] as const) {
    for (const { rule } of firewallHooks(family)) {
      assert.ok(rule.includes('-i'), `hooked by interface: ${rule.join(' ')}`);
      assert.ok(!rule.includes('-s'), `not by source: ${rule.join(' ')}`);
    }
  }
  const bridges = firewallHooks(4)
    .filter((h) => h.chain === 'INPUT')
    .map((h) => h.rule[1]);
  assert.deepEqual(bridges, ['br-+', 'docker0']);
});

test('a packet whose source does not route back over its bridge is dropped before routing', () => {
  const antiSpoof = firewallHooks(4).filter((h) => h.table === 'raw');
  assert.equal(antiSpoof.length, 2);
  for (const { chain, rule } of antiSpoof) {
    assert.equal(chain, 'PREROUTING');
    assert.deepEqual(rule.slice(2), ['-m', 'rpfilter', '--invert', '-j', 'DROP']);
  }
});

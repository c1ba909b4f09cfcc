import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FIREWALL_CHAIN, firewallRules } from '../../server/sandboxes/firewall.js';

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

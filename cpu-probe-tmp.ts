import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
import { newPaneId } from './common/protocol.js';
import { readySession, startTestPlayground } from './test/support/playground.js';
import { TestTerminal } from './test/support/terminal-client.js';
import { playgroundShell, rawShell, type Shell } from './bench/shells.js';
const pg = await startTestPlayground();
const created = await readySession(pg.url);
const term = await TestTerminal.open(pg.url, created.session.id, created.token, { pane: newPaneId() });
term.start({ cols: 120, rows: 40 });
await term.waitFor(/[#$] $/m);
const container = (await pg.sandboxes.container(created.session.id))!;
const raw = await rawShell(container);
await raw.waitFor(/\$ $/);
const via = playgroundShell(term);
function snap() {
  const m = new Map<string, number>();
  for (const p of require('node:fs').readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try { const st = readFileSync(`/proc/${p}/task/${p}/../../stat`, 'utf8'); const comm = st.slice(st.indexOf('(') + 1, st.lastIndexOf(')')); const f = st.slice(st.lastIndexOf(')') + 2).split(' '); m.set(`${p}:${comm}`, Number(f[11]) + Number(f[12])); } catch {}
  }
  return m;
}
const per: Record<string, Map<string, number>> = { via: new Map(), raw: new Map() };
const busy = () => { const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number); return f[0]! + f[1]! + f[2]! + f[5]! + f[6]!; };
async function flood(sh: Shell) {
  const s0 = snap();
  sh.clear(); const b0 = sh.bytes; const c0 = busy(); const t0 = performance.now();
  sh.type(`head -c ${20 << 20} /dev/zero | tr '\\0' 'x'; echo; echo DONE-$((40+2))\r`);
  await sh.waitFor(/DONE-42/, 120000);
  const s1 = snap(); const tgt = per[sh === via ? 'via' : 'raw']!; for (const [k, v] of s1) { const d = v - (s0.get(k) ?? 0); if (d > 0) { const c = k.split(':')[1]!.replace(/\/\d+$/, ''); tgt.set(c, (tgt.get(c) ?? 0) + d); } }
  return { mibps: (sh.bytes - b0) / 1048576 / ((performance.now() - t0) / 1000), cpuPerMiB: ((busy() - c0) * 10) / ((sh.bytes - b0) / 1048576) };
}
await flood(via); await flood(raw);
const res: Record<string, { mibps: number; cpuPerMiB: number }[]> = { via: [], raw: [] };
for (let i = 0; i < 6; i++) { res.via!.push(await flood(via)); res.raw!.push(await flood(raw)); res.raw!.push(await flood(raw)); res.via!.push(await flood(via)); }
const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
for (const k of ['via', 'raw']) console.log(k, 'MiB/s', med(res[k]!.map((r) => r.mibps)).toFixed(1), 'CPU ms/MiB', med(res[k]!.map((r) => r.cpuPerMiB)).toFixed(1));
for (const k of ['via', 'raw']) console.log(k, [...per[k]!].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([c, v]) => `${c} ${(v * 10 / 480).toFixed(1)}`).join(', '));
raw.close();
process.exit(0);

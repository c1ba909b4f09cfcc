// A sandbox manager without an engine: sessions' sandboxes as records in memory, with the
// manager's sweep (an expired or unclaimed session's sandboxes go) for restart tests.
import type { SandboxRecord } from '../../server/sandboxes/manager.js';

export class FakeSandboxes {
  live: SandboxRecord[] = [];
  destroyed: string[] = [];
  async create(
    req: { sessionId: string; tokenHash: string; client: string; expiresAt: Date; pool?: string },
    host: string,
  ) {
    await new Promise((r) => setTimeout(r, 2));
    this.live.push({
      ...req,
      host,
      containerId: `${req.sessionId}-${host}`,
      running: true,
      createdAt: new Date(),
    });
    return { id: `${req.sessionId}-${host}` };
  }
  async destroy(id: string) {
    this.destroyed.push(id);
    this.live = this.live.filter((r) => r.sessionId !== id);
  }
  async destroyHost() {}
  async runningContainer() {
    return null;
  }
  async sweep(_inFlight: unknown, now = new Date(), expiryOf = (r: SandboxRecord) => r.expiresAt) {
    const keep = this.live.filter((r) => expiryOf(r) > now);
    for (const r of this.live.filter((r) => !keep.includes(r))) await this.destroy(r.sessionId);
    return keep;
  }
}

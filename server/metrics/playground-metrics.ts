// One playground's /metrics: a registry of its own (tests run several playgrounds in one
// process) holding the process's meters and gauges read from the playground's parts when
// Prometheus scrapes, so a count can never drift from what the parts hold.
import { Gauge, Registry } from 'prom-client';
import { processRegistry } from './meters.js';

/** What the gauges read at scrape time; app.ts hands these in from the parts that know. */
export interface GaugeSources {
  /** Sessions by state (starting, ready, failed). */
  sessions(): Readonly<Record<string, number>>;
  /** Sandboxes (session hosts) by state (starting, ready, failed). */
  sandboxes(): Readonly<Record<string, number>>;
  /** Live shells: attached to a socket, starting, or waiting for their pane to reconnect. */
  terminals(): number;
  /** Open WebSockets by kind (terminal, events). */
  sockets(): Readonly<Record<string, number>>;
  /** Sandboxes started ahead and not handed out yet, by pool (general, seats). */
  warm?(): Readonly<Record<string, number>>;
}

export interface PlaygroundMetrics {
  /** The Content-Type of `render()`'s text. */
  contentType: string;
  /** Everything in Prometheus' text format. */
  render(): Promise<string>;
}

export function createPlaygroundMetrics(sources: GaugeSources): PlaygroundMetrics {
  const own = new Registry();
  const byLabel = (name: string, help: string, label: string, read: () => Readonly<Record<string, number>>) =>
    new Gauge({
      name,
      help,
      labelNames: [label],
      registers: [own],
      collect() {
        for (const [value, count] of Object.entries(read())) this.set({ [label]: value }, count);
      },
    });
  byLabel('playground_sessions', 'Sessions by state.', 'state', sources.sessions);
  byLabel('playground_sandboxes', 'Sandboxes (session hosts) by state.', 'state', sources.sandboxes);
  byLabel('playground_sockets', 'Open WebSockets by kind.', 'kind', sources.sockets);
  if (sources.warm)
    byLabel(
      'playground_warm_sandboxes',
      'Sandboxes started ahead, not handed out yet, by pool.',
      'pool',
      sources.warm,
    );
  new Gauge({
    name: 'playground_terminals',
    help: 'Live shells: attached, starting, or waiting for their pane to reconnect.',
    registers: [own],
    collect() {
      this.set(sources.terminals());
    },
  });
  const registry = Registry.merge([processRegistry(), own]);
  return { contentType: registry.contentType, render: () => registry.metrics() };
}

// Reads Prometheus' text format into samples, for tests that look at GET /metrics.

/** One sample per line: the series (`name{label="value"}` as written) and its value. */
export type Samples = Map<string, number>;

export function parseMetrics(text: string): Samples {
  const samples: Samples = new Map();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const cut = line.lastIndexOf(' ');
    samples.set(line.slice(0, cut), Number(line.slice(cut + 1)));
  }
  return samples;
}

/** A series' value, 0 when it has no sample (a counter not counted yet). */
export const sample = (samples: Samples, series: string): number => samples.get(series) ?? 0;

/** The sum of every series of a metric name whose labels include `having` (e.g. `outcome="passed"`). */
export function total(samples: Samples, name: string, having = ''): number {
  let sum = 0;
  for (const [series, value] of samples) {
    const at = series.indexOf('{');
    const seriesName = at < 0 ? series : series.slice(0, at);
    if (seriesName === name && series.includes(having)) sum += value;
  }
  return sum;
}

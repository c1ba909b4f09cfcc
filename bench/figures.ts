// What every bench module records: a figure, beside a baseline measured in the same run.
import fs from 'node:fs';
import path from 'node:path';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
}

export type Record = (f: Figure) => void;

const figures: Figure[] = [];

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(2));

/** Prints a figure (with its ratio to the baseline) and keeps it for the results file. */
export function record(f: Figure): void {
  figures.push(f);
  const ratio = f.baseline
    ? `  (${f.baseline.name}: ${fmt(f.baseline.value)} ${f.unit}, ratio ${(f.value / f.baseline.value).toFixed(2)})`
    : '';
  console.log(`${f.name.padEnd(44)} ${fmt(f.value).padStart(9)} ${f.unit}${ratio}`);
}

/** Writes every figure recorded so far to bench/results/latest.json. */
export function writeResults(): string {
  const out = path.join('bench', 'results');
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, 'latest.json');
  fs.writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), figures }, null, 2));
  return file;
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

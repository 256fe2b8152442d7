/**
 * Delivery latency across processes of this machine: every process reads the same wall clock at
 * sub-millisecond resolution (performance.timeOrigin + now()), so a time stamped by the sender
 * and read by the receiver in another process gives the delay between them.
 */
import { performance } from 'node:perf_hooks';

export const wallMs = (): number => performance.timeOrigin + performance.now();

/** Samples are kept to 0.01 ms: enough for a p50 of a millisecond, and small over IPC. */
export const sample = (ms: number): number => Math.round(ms * 100) / 100;

export interface LatencySummary {
  count: number;
  p50: number | null;
  p90: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
}

export function summarize(samples: number[]): LatencySummary {
  if (!samples.length) return { count: 0, p50: null, p90: null, p99: null, max: null, mean: null };
  const a = Float64Array.from(samples).sort();
  const at = (q: number) => sample(a[Math.min(a.length - 1, Math.ceil(q * a.length) - 1)]!);
  const mean = a.reduce((s, x) => s + x, 0) / a.length;
  return { count: a.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sample(a[a.length - 1]!), mean: sample(mean) };
}

/** Timing primitives for the benchmarks: medians of process.hrtime.bigint() samples. */
import * as os from "os";

export interface Figure {
  name: string;
  /** Median per call, in microseconds. */
  medianUs: number;
  samples: number;
  target?: string;
  /** Ratio to the reference measured in the same run, where there is one. */
  ratio?: number;
  /** Whether the target is met, where there is one. */
  ok?: boolean;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Median time of one call of `work` in µs, over `samples` timed calls after `warmup` untimed ones. */
export function medianMicros(
  work: () => unknown,
  samples: number,
  warmup = Math.min(samples, 2000)
): number {
  for (let i = 0; i < warmup; i++) work();
  const times: number[] = new Array(samples);
  for (let i = 0; i < samples; i++) {
    const start = process.hrtime.bigint();
    work();
    times[i] = Number(process.hrtime.bigint() - start) / 1000;
  }
  return median(times);
}

export async function medianMicrosAsync(
  work: () => Promise<unknown>,
  samples: number,
  warmup = 1
): Promise<number> {
  for (let i = 0; i < warmup; i++) await work();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  return median(times);
}

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export function formatDuration(us: number): string {
  if (us < 1000) return `${us.toFixed(2)} µs`;
  if (us < 1e6) return `${(us / 1000).toFixed(2)} ms`;
  return `${(us / 1e6).toFixed(2)} s`;
}

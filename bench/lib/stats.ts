/*
 * Small, dependency-free statistics for the benchmarks: a log-bucketed latency
 * histogram (1% resolution, mergeable across processes), percentiles of raw
 * samples and a least-squares line.
 */

const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
/** Values below this (ms) share bucket 0. */
const FLOOR_MS = 0.01;

export interface HistogramData {
  counts: Record<string, number>;
  total: number;
  max: number;
}

export class Histogram {
  private counts = new Map<number, number>();
  total = 0;
  max = 0;

  record(ms: number): void {
    const v = ms < FLOOR_MS ? FLOOR_MS : ms;
    const b = Math.floor(Math.log(v / FLOOR_MS) / LOG_GROWTH);
    this.counts.set(b, (this.counts.get(b) ?? 0) + 1);
    this.total += 1;
    if (ms > this.max) this.max = ms;
  }

  merge(other: Histogram | HistogramData): void {
    const entries: Array<[number, number]> =
      other instanceof Histogram ? [...other.counts.entries()] : Object.entries(other.counts).map(([k, v]) => [Number(k), v]);
    for (const [b, c] of entries) this.counts.set(b, (this.counts.get(b) ?? 0) + c);
    this.total += other.total;
    this.max = Math.max(this.max, other.max);
  }

  /** The upper edge of the bucket holding the q-quantile (0..1), in ms. */
  percentile(q: number): number {
    if (this.total === 0) return NaN;
    const rank = Math.max(1, Math.ceil(q * this.total));
    const keys = [...this.counts.keys()].sort((a, b) => a - b);
    let seen = 0;
    for (const k of keys) {
      seen += this.counts.get(k)!;
      if (seen >= rank) return Math.min(this.max, FLOOR_MS * Math.pow(GROWTH, k + 1));
    }
    return this.max;
  }

  toJSON(): HistogramData {
    return { counts: Object.fromEntries(this.counts), total: this.total, max: this.max };
  }

  static from(data: HistogramData): Histogram {
    const h = new Histogram();
    h.merge(data);
    return h;
  }
}

/** Nearest-rank percentile of raw samples (q in 0..1). */
export function percentile(samples: number[], q: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Ordinary least squares y = a + b·x; r2 is the coefficient of determination. */
export function linearFit(points: Array<{ x: number; y: number }>): { slope: number; intercept: number; r2: number } {
  const n = points.length;
  if (n < 2) return { slope: NaN, intercept: NaN, r2: NaN };
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const p of points) {
    sxy += (p.x - mx) * (p.y - my);
    sxx += (p.x - mx) ** 2;
    syy += (p.y - my) ** 2;
  }
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx, r2: syy === 0 ? 1 : (sxy * sxy) / (sxx * syy) };
}

export const round = (v: number, digits = 2): number => (Number.isFinite(v) ? Number(v.toFixed(digits)) : v);

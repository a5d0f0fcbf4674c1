import { type KpiPoint, minuteMs, type QualityPoint } from "./types.js";

/** Minute-keyed points; missing minutes are gaps (unknown), never zeros. */
export class MinuteSeries<T extends { minuteMs: number }> {
  private readonly points = new Map<number, T>();
  private sortedKeys: number[] | undefined;

  constructor(points: Iterable<T> = []) {
    for (const p of points) this.set(p);
  }

  set(point: T): void {
    if (point.minuteMs % minuteMs !== 0) throw new RangeError(`not a whole minute: ${point.minuteMs}`);
    if (!this.points.has(point.minuteMs)) this.sortedKeys = undefined;
    this.points.set(point.minuteMs, point);
  }

  get(minute: number): T | undefined {
    return this.points.get(minute);
  }

  get size(): number {
    return this.points.size;
  }

  /** Minutes present, ascending. */
  minutes(): readonly number[] {
    this.sortedKeys ??= [...this.points.keys()].sort((a, b) => a - b);
    return this.sortedKeys;
  }

  /** The points in the `count` minutes before `beforeMs` (exclusive), oldest first; gaps omitted. */
  trailing(beforeMs: number, count: number): T[] {
    const out: T[] = [];
    for (let m = beforeMs - count * minuteMs; m < beforeMs; m += minuteMs) {
      const p = this.points.get(m);
      if (p) out.push(p);
    }
    return out;
  }
}

export type KpiSeries = MinuteSeries<KpiPoint>;
export type QualitySeries = MinuteSeries<QualityPoint>;

/** Records/s of each topic from successive end-offset totals kept over a sliding window. */
export class Throughput {
  private readonly samples = new Map<string, Array<{ at: number; total: number }>>();

  constructor(private readonly windowMs = 60_000) {}

  record(topic: string, total: number, at: number): void {
    const list = this.samples.get(topic) ?? [];
    // a recreated topic starts over
    if (list.length > 0 && total < (list.at(-1)?.total ?? 0)) list.length = 0;
    list.push({ at, total });
    while (list.length > 2 && at - (list[0]?.at ?? at) > this.windowMs) list.shift();
    this.samples.set(topic, list);
  }

  /** Null until two samples at least a second apart exist. */
  rate(topic: string): number | null {
    const list = this.samples.get(topic);
    const first = list?.[0];
    const last = list?.at(-1);
    if (!first || !last || last.at - first.at < 1000) return null;
    return ((last.total - first.total) * 1000) / (last.at - first.at);
  }
}

/**
 * A binary min-heap ordered by `key`, ties broken by insertion order (so output is deterministic).
 * Keys, insertion numbers and values live in three parallel arrays (no entry objects): the
 * simulation pushes and pops every event through it.
 */
export class MinHeap<T> {
  private readonly keys: number[] = [];
  private readonly seqs: number[] = [];
  private readonly values: T[] = [];
  private seq = 0;

  get size(): number {
    return this.keys.length;
  }

  peekKey(): number | undefined {
    return this.keys[0];
  }

  push(key: number, value: T): void {
    const { keys, seqs, values } = this;
    const seq = this.seq++;
    let i = keys.length;
    keys.push(key);
    seqs.push(seq);
    values.push(value);
    // Sift up: move parents down until the new entry's place is found.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent] as number;
      if (pk < key || (pk === key && (seqs[parent] as number) < seq)) break;
      keys[i] = pk;
      seqs[i] = seqs[parent] as number;
      values[i] = values[parent] as T;
      i = parent;
    }
    keys[i] = key;
    seqs[i] = seq;
    values[i] = value;
  }

  pop(): T | undefined {
    const { keys, seqs, values } = this;
    if (keys.length === 0) return undefined;
    const top = values[0] as T;
    const key = keys.pop() as number;
    const seq = seqs.pop() as number;
    const value = values.pop() as T;
    const n = keys.length;
    if (n === 0) return top;
    // Sift the last entry down from the root: move the smaller child up while it precedes it.
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let m = l;
      if (r < n) {
        const lk = keys[l] as number;
        const rk = keys[r] as number;
        if (rk < lk || (rk === lk && (seqs[r] as number) < (seqs[l] as number))) m = r;
      }
      const mk = keys[m] as number;
      if (key < mk || (key === mk && seq < (seqs[m] as number))) break;
      keys[i] = mk;
      seqs[i] = seqs[m] as number;
      values[i] = values[m] as T;
      i = m;
    }
    keys[i] = key;
    seqs[i] = seq;
    values[i] = value;
    return top;
  }
}

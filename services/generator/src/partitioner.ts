/**
 * Kafka's murmur2 key hash in 32-bit integer arithmetic. @platformatic/kafka's own `murmur2`
 * computes the same value with BigInts, which cost about a tenth of the producer thread's time.
 */
export function murmur2(data: Uint8Array): number {
  const m = 0x5bd1e995;
  const length = data.length;
  let h = 0x9747b28c ^ length;
  const blocks = length & ~3;
  let i = 0;
  for (; i < blocks; i += 4) {
    let k =
      (data[i] as number) |
      ((data[i + 1] as number) << 8) |
      ((data[i + 2] as number) << 16) |
      ((data[i + 3] as number) << 24);
    k = Math.imul(k, m);
    k ^= k >>> 24;
    k = Math.imul(k, m);
    h = Math.imul(h, m) ^ k;
  }
  const rest = length & 3;
  if (rest > 0) {
    let tail = data[i] as number;
    if (rest > 1) tail |= (data[i + 1] as number) << 8;
    if (rest > 2) tail |= (data[i + 2] as number) << 16;
    h = Math.imul(h ^ tail, m);
  }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h | 0;
}

/** The same partition as @platformatic/kafka's `defaultPartitioner` (before `% partitions`). */
export function keyPartitioner(_message: unknown, key: Buffer | undefined): number {
  return key ? murmur2(key) >>> 0 : 0;
}

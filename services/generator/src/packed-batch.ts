import type { GeneratedRecord } from "./records.js";

/**
 * A batch of records as three transferable arrays, for handing to the producer thread without
 * copying strings: the UTF-8 keys and values back to back in `data`, where record i's key ends at
 * `ends[2i]` and its value at `ends[2i + 1]` (each starts where the previous part ended).
 */
export interface PackedBatch {
  data: Uint8Array;
  ends: Uint32Array;
  /** Kafka record timestamps (CreateTime), epoch ms. */
  timestamps: Float64Array;
}

/** Packs key, value and timestamp of each record (UTF-8). */
export function packBatch(records: readonly GeneratedRecord[]): PackedBatch {
  const n = records.length;
  let chars = 0;
  for (let i = 0; i < n; i++) {
    const r = records[i] as GeneratedRecord;
    chars += r.key.length + r.value.length;
  }
  // ASCII needs one byte a character; grow when a part might not fit (up to 3 bytes a UTF-16 unit).
  let data = Buffer.allocUnsafeSlow(chars + 1024);
  const ends = new Uint32Array(2 * n);
  const timestamps = new Float64Array(n);
  let at = 0;
  const put = (text: string) => {
    if (data.length - at < text.length * 3) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(2 * data.length, at + text.length * 3));
      data.copy(bigger, 0, 0, at);
      data = bigger;
    }
    at += data.write(text, at, "utf8");
  };
  for (let i = 0; i < n; i++) {
    const r = records[i] as GeneratedRecord;
    put(r.key);
    ends[2 * i] = at;
    put(r.value);
    ends[2 * i + 1] = at;
    timestamps[i] = r.timestampMs;
  }
  return { data: new Uint8Array(data.buffer, data.byteOffset, at), ends, timestamps };
}

/** The records of a packed batch as Kafka messages (keys and values are views into `data`). */
export function unpackMessages(
  batch: PackedBatch,
  topic: string,
): Array<{ topic: string; key: Buffer; value: Buffer; timestamp: bigint }> {
  const { data, ends, timestamps } = batch;
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const n = timestamps.length;
  const messages = new Array(n);
  let start = 0;
  for (let i = 0; i < n; i++) {
    const keyEnd = ends[2 * i] as number;
    const valueEnd = ends[2 * i + 1] as number;
    messages[i] = {
      topic,
      key: bytes.subarray(start, keyEnd),
      value: bytes.subarray(keyEnd, valueEnd),
      timestamp: BigInt(timestamps[i] as number),
    };
    start = valueEnd;
  }
  return messages;
}

import { putAscii, writeEventJson } from "./event-json.js";
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

/** Bytes reserved per record up front (keys are 36 bytes, values about 290). */
const bytesPerRecord = 384;

/**
 * Packs records one at a time, so that each can go as soon as it is written: keys and values of
 * generated events are written as bytes straight from the event (writeEventJson), others as the
 * UTF-8 of their strings.
 */
export class PackedBatchWriter {
  private data: Buffer;
  private at = 0;
  private count = 0;
  private readonly ends: Uint32Array;
  private readonly timestamps: Float64Array;

  constructor(private readonly capacity: number) {
    this.data = Buffer.allocUnsafeSlow(capacity * bytesPerRecord + 4096);
    this.ends = new Uint32Array(2 * capacity);
    this.timestamps = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  add(r: GeneratedRecord): void {
    const i = this.count++;
    if (i >= this.capacity) throw new RangeError(`a batch holds at most ${this.capacity} records`);
    this.putText(r.key);
    this.ends[2 * i] = this.at;
    const written = r.source ? writeEventJson(this.data, this.at, r.source) : -1;
    if (written >= 0) this.at = written;
    else this.putText(r.value);
    this.ends[2 * i + 1] = this.at;
    this.timestamps[i] = r.timestampMs;
  }

  /** The batch; the writer is not used afterwards. */
  finish(): PackedBatch {
    const { data, at, count } = this;
    return {
      data: new Uint8Array(data.buffer, data.byteOffset, at),
      ends: this.ends.subarray(0, 2 * count),
      timestamps: this.timestamps.subarray(0, count),
    };
  }

  private putText(text: string): void {
    const ascii = putAscii(this.data, this.at, text);
    if (ascii >= 0) {
      this.at = ascii;
      return;
    }
    // Up to 3 bytes a UTF-16 unit; grow when it might not fit.
    this.reserve(text.length * 3);
    this.at += this.data.write(text, this.at, "utf8");
  }

  private reserve(bytes: number): void {
    if (this.data.length - this.at >= bytes) return;
    const bigger = Buffer.allocUnsafeSlow(Math.max(2 * this.data.length, this.at + bytes));
    this.data.copy(bigger, 0, 0, this.at);
    this.data = bigger;
  }
}

/** Packs key, value and timestamp of each record (UTF-8). */
export function packBatch(records: readonly GeneratedRecord[]): PackedBatch {
  const writer = new PackedBatchWriter(records.length);
  for (const r of records) writer.add(r);
  return writer.finish();
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

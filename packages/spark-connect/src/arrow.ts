import { type DataType, type Decimal, type Field, type Table, Type, tableFromIPC } from "apache-arrow";
import { errorCodes, SparkConnectError } from "./errors.js";

/** A row as plain JavaScript values, keyed by column name. */
export type Row = Record<string, unknown>;

export interface DecodeOptions {
  /**
   * How BIGINT (and other 64-bit integer) values come back: `"number"` (default) throws a decode
   * error for values outside ±2^53; `"bigint"` always returns `bigint`.
   */
  int64?: "number" | "bigint";
}

/** Concatenates the Arrow IPC streams of a result's batches into one table. */
export function tableFromBatches(batches: Uint8Array[]): Table | undefined {
  let table: Table | undefined;
  for (const batch of batches) {
    const next = tableFromIPC(batch);
    table = table ? table.concat(next) : next;
  }
  return table;
}

/**
 * Converts an Arrow table to plain rows. Mapping: integers and floats -> number (int64 see
 * `DecodeOptions`), decimal -> exact string, date -> "YYYY-MM-DD", timestamp -> Date (millisecond
 * precision; TIMESTAMP_NTZ as a Date whose UTC fields are the wall-clock time), string -> string,
 * boolean -> boolean, binary -> Uint8Array, array -> array, map -> plain object (keys as strings),
 * struct -> object, null -> null.
 */
export function tableToRows(table: Table, options: DecodeOptions = {}): Row[] {
  const columns = table.schema.fields.map((field, index) => ({
    name: field.name,
    vector: table.getChildAt(index),
    convert: converter(field.type, field.name, options),
  }));
  const rows: Row[] = new Array(table.numRows);
  for (let i = 0; i < table.numRows; i++) {
    const row: Row = {};
    for (const column of columns) row[column.name] = column.convert(column.vector?.get(i) ?? null);
    rows[i] = row;
  }
  return rows;
}

type Convert = (value: unknown) => unknown;

function converter(type: DataType, column: string, options: DecodeOptions): Convert {
  const nullable =
    (f: Convert): Convert =>
    (v) =>
      v === null || v === undefined ? null : f(v);
  switch (type.typeId) {
    case Type.Int: {
      const bits = (type as DataType & { bitWidth: number }).bitWidth;
      if (bits < 64) return nullable((v) => v);
      if (options.int64 === "bigint") return nullable((v) => BigInt(v as bigint));
      return nullable((v) => int64ToNumber(v as bigint, column));
    }
    case Type.Decimal: {
      const scale = (type as Decimal).scale;
      return nullable((v) => decimalToString(v as Uint32Array, scale));
    }
    case Type.Date:
      return nullable((v) => new Date(Number(v)).toISOString().slice(0, 10));
    case Type.Timestamp:
      return nullable((v) => new Date(Math.trunc(Number(v))));
    case Type.List:
    case Type.FixedSizeList: {
      const child = (type.children as Field[])[0];
      const convert = child ? converter(child.type, column, options) : (v: unknown) => v;
      return nullable((v) => Array.from(v as Iterable<unknown>, (item) => convert(item ?? null)));
    }
    case Type.Struct: {
      const fields = (type.children as Field[]).map((f) => ({
        name: f.name,
        convert: converter(f.type, column, options),
      }));
      return nullable((v) => {
        const source = v as Record<string, unknown>;
        const out: Row = {};
        for (const f of fields) out[f.name] = f.convert(source[f.name] ?? null);
        return out;
      });
    }
    case Type.Map: {
      const entry = (type.children as Field[])[0];
      const [keyField, valueField] = (entry?.type.children ?? []) as Field[];
      const convertKey = keyField ? converter(keyField.type, column, options) : (v: unknown) => v;
      const convertValue = valueField ? converter(valueField.type, column, options) : (v: unknown) => v;
      return nullable((v) => {
        const out: Record<string, unknown> = {};
        for (const [key, value] of v as Iterable<[unknown, unknown]>)
          out[String(convertKey(key))] = convertValue(value ?? null);
        return out;
      });
    }
    default:
      return nullable((v) => v);
  }
}

function int64ToNumber(value: bigint, column: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n))
    throw new SparkConnectError(
      errorCodes.decode,
      `column ${column}: ${value} does not fit a JavaScript number`,
      {
        fix: "collect with { int64: 'bigint' }, or cast the column to string or decimal",
      },
    );
  return n;
}

/** Formats a little-endian two's-complement Arrow decimal (32-bit words) with its scale. */
export function decimalToString(words: Uint32Array, scale: number): string {
  let unsigned = 0n;
  for (let i = words.length - 1; i >= 0; i--) unsigned = (unsigned << 32n) | BigInt(words[i] as number);
  const bits = BigInt(words.length * 32);
  const negative = words.length > 0 && ((words[words.length - 1] as number) & 0x80000000) !== 0;
  const value = negative ? unsigned - (1n << bits) : unsigned;
  const digits = (value < 0n ? -value : value).toString();
  if (scale <= 0) return `${negative ? "-" : ""}${digits}${"0".repeat(-scale)}`;
  const padded = digits.padStart(scale + 1, "0");
  return `${negative ? "-" : ""}${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
}

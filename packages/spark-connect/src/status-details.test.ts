import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeRpcStatus } from "./status-details.js";

function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}
const bytesField = (no: number, bytes: number[]) => [
  ...varint(no * 8 + 2),
  ...varint(bytes.length),
  ...bytes,
];
const str = (no: number, s: string) => bytesField(no, [...Buffer.from(s)]);

test("reads code, message and ErrorInfo metadata from a google.rpc.Status", () => {
  const entry = (k: string, v: string) => bytesField(3, [...str(1, k), ...str(2, v)]);
  const errorInfo = [
    ...str(1, "org.apache.spark.sql.AnalysisException"),
    ...str(2, "org.apache.spark"),
    ...entry("errorClass", "UNRESOLVED_COLUMN.WITH_SUGGESTION"),
    ...entry("sqlState", "42703"),
  ];
  const any = [...str(1, "type.googleapis.com/google.rpc.ErrorInfo"), ...bytesField(2, errorInfo)];
  const other = [...str(1, "type.googleapis.com/google.rpc.DebugInfo"), ...bytesField(2, [1, 2, 3])];
  const status = Uint8Array.from([
    ...varint(8),
    ...varint(13),
    ...str(2, "boom"),
    ...bytesField(3, other),
    ...bytesField(3, any),
  ]);

  const decoded = decodeRpcStatus(status);
  assert.equal(decoded.code, 13);
  assert.equal(decoded.message, "boom");
  assert.equal(decoded.errorInfos.length, 1);
  assert.equal(decoded.errorInfos[0]?.reason, "org.apache.spark.sql.AnalysisException");
  assert.deepEqual(decoded.errorInfos[0]?.metadata, {
    errorClass: "UNRESOLVED_COLUMN.WITH_SUGGESTION",
    sqlState: "42703",
  });
});

test("rejects truncated input", () => {
  assert.throws(() => decodeRpcStatus(Uint8Array.from([0x12, 0x05, 0x61])), RangeError);
});

import assert from "node:assert/strict";
import { test } from "node:test";
import { decimalToString } from "./arrow.js";

/** Little-endian 32-bit words of a 128-bit two's-complement integer. */
function words(value: bigint): Uint32Array {
  const unsigned = value < 0n ? (1n << 128n) + value : value;
  return Uint32Array.from([0, 1, 2, 3].map((i) => Number((unsigned >> BigInt(32 * i)) & 0xffffffffn)));
}

test("formats decimals exactly with their scale", () => {
  assert.equal(decimalToString(words(12345678901234567890123n), 3), "12345678901234567890.123");
  assert.equal(decimalToString(words(-150n), 2), "-1.50");
  assert.equal(decimalToString(words(5n), 3), "0.005");
  assert.equal(decimalToString(words(-5n), 3), "-0.005");
  assert.equal(decimalToString(words(0n), 2), "0.00");
  assert.equal(decimalToString(words(42n), 0), "42");
});

test("formats the extremes of decimal(38)", () => {
  const max = 10n ** 38n - 1n;
  assert.equal(decimalToString(words(max), 0), max.toString());
  assert.equal(
    decimalToString(words(-max), 10),
    `-${max.toString().slice(0, -10)}.${max.toString().slice(-10)}`,
  );
});

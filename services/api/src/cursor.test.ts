import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { decodeCursor, encodeCursor } from "./cursor.js";

describe("alert cursor", () => {
  it("round-trips every position", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n }),
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        (micros, id) => {
          assert.deepEqual(decodeCursor(encodeCursor({ micros: String(micros), id })), {
            micros: String(micros),
            id,
          });
        },
      ),
    );
  });

  it("refuses anything it did not issue with a 400", () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        fc.pre(!/^v1:-?\d{1,17}:\d{1,16}$/.test(Buffer.from(value, "base64url").toString("utf8")));
        assert.throws(() => decodeCursor(value), { code: "API_ERR_CURSOR", statusCode: 400 });
      }),
    );
  });
});

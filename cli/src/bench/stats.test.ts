import assert from "node:assert/strict";
import { describe, it, test } from "node:test";
import { percentile, recordsOption, sumKafkaOffsets } from "./stats.js";

describe("bench statistics", () => {
  it("takes nearest-rank percentiles", () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    assert.equal(percentile(values, 50), 5);
    assert.equal(percentile(values, 95), 10);
    assert.equal(percentile(values, 0), 1);
    assert.ok(Number.isNaN(percentile([], 50)));
  });

  it("sums a Kafka source's offsets, as an object or as JSON text", () => {
    assert.equal(sumKafkaOffsets({ t: { "0": 10, "1": 5 } }), 15);
    assert.equal(sumKafkaOffsets('{"t":{"0":7,"1":3,"2":0}}'), 10);
    assert.equal(sumKafkaOffsets("not json"), undefined);
    assert.equal(sumKafkaOffsets({ t: { "0": "x" } }), undefined);
  });
});

test("--records N is read, defaults without arguments, and anything else is a usage error naming the bench", () => {
  assert.equal(recordsOption([], 2_000_000, "capacity"), 2_000_000);
  assert.equal(recordsOption(["--records", "50000"], 2_000_000, "capacity"), 50_000);
  for (const args of [
    ["--records", "12.5"],
    ["--records", "999"],
    ["--rows", "5000"],
    ["--records", "5000", "x"],
  ])
    assert.throws(() => recordsOption(args, 1_000_000, "judge"), /bench judge takes only --records N/);
});

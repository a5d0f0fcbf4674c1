import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { currencies, devices } from "@ecomstream/contracts";
import { buildCatalog, countries, pages } from "./catalog.js";
import { eventJson } from "./event-json.js";
import { RecordGenerator } from "./records.js";
import { testOptions } from "./test-support.js";

describe("eventJson", () => {
  it("writes what JSON.stringify writes for every event the simulation makes", () => {
    const mixes = [
      testOptions(),
      testOptions({
        seed: 7,
        incidents: [
          { type: "price_glitch", startOffsetSec: 0, durationSec: 100 },
          { type: "checkout_outage", startOffsetSec: 100, durationSec: 50 },
        ],
      }),
    ];
    const types = new Set<string>();
    for (const o of mixes) {
      const gen = new RecordGenerator(o, o.startMs as number);
      for (let i = 0; i < 30_000; i++) {
        const r = gen.next();
        if (!r.event) continue;
        types.add(r.event.event_type);
        assert.equal(eventJson(r.event), JSON.stringify(r.event));
      }
    }
    assert.equal(types.size, 7);
  });

  it("the names it writes unescaped need no JSON escaping", () => {
    const names = [
      ...devices,
      ...currencies,
      ...countries.map(([c]) => c),
      ...pages.map(([p]) => p),
      "/checkout/unavailable",
      ...buildCatalog(42).products.flatMap((p) => [p.id, p.category]),
    ];
    for (const name of names) assert.equal(JSON.stringify(name), `"${name}"`);
  });
});

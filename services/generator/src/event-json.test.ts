import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { currencies, devices } from "@ecomstream/contracts";
import { buildCatalog, countries, pages } from "./catalog.js";
import { eventJson, writeEventJson } from "./event-json.js";
import { testOptions } from "./generator.fixture.js";
import { RecordGenerator } from "./records.js";

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
    const out = new Uint8Array(1024);
    for (const o of mixes) {
      const gen = new RecordGenerator(o, o.startMs as number);
      for (let i = 0; i < 30_000; i++) {
        const r = gen.next();
        if (!r.event) continue;
        types.add(r.event.event_type);
        const text = JSON.stringify(r.event);
        assert.equal(eventJson(r.event), text);
        const end = writeEventJson(out, 3, r.event);
        assert.equal(Buffer.from(out.subarray(3, end)).toString("latin1"), text);
      }
    }
    assert.equal(types.size, 7);
  });

  it("writeEventJson gives up (-1) on text that is not ASCII or does not fit", () => {
    const o = testOptions();
    const event = new RecordGenerator(o, o.startMs as number).next().event;
    assert.ok(event);
    const size = eventJson(event).length;
    assert.equal(writeEventJson(new Uint8Array(size), 0, event), size);
    assert.equal(writeEventJson(new Uint8Array(size - 1), 0, event), -1);
    assert.equal(writeEventJson(new Uint8Array(size + 10), 11, event), -1);
    assert.equal(writeEventJson(new Uint8Array(1024), 0, { ...event, user_id: "u-ü" }), -1);
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

import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { describe, it } from "node:test";
import { type ChangeSignals, ResponseCache } from "./response-cache.js";

/** Serving's change signals, raised by the test instead of by Postgres. */
class Signals extends EventEmitter {
  listening = true;
  keepListening(): void {}
}

function cacheOf(maxBytes = 1000) {
  const signals = new Signals();
  const cache = new ResponseCache(signals as unknown as ChangeSignals, maxBytes);
  let computed = 0;
  const compute = (body: string, gate?: Promise<void>) => async () => {
    computed += 1;
    await gate;
    return body;
  };
  return { signals, cache, compute, computed: () => computed };
}

describe("ResponseCache", () => {
  it("computes once for identical requests, waiting or later, until a change", async () => {
    const { signals, cache, compute, computed } = cacheOf();
    let open = () => {};
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const waiting = [cache.get("a", compute("A1", gate)), cache.get("a", compute("A1", gate))];
    open();
    assert.deepEqual(await Promise.all(waiting), ["A1", "A1"]);
    assert.equal(await cache.get("a", compute("A2")), "A1");
    assert.equal(computed(), 1);
    signals.emit("kpiNotice");
    assert.equal(await cache.get("a", compute("A2")), "A2");
    assert.equal(computed(), 2);
  });

  it("keeps nothing computed across a change, and never joins a computation older than it", async () => {
    const { signals, cache, compute } = cacheOf();
    let open = () => {};
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const stale = cache.get("a", compute("old", gate));
    signals.emit("kpiNotice");
    const fresh = cache.get("a", compute("new"));
    open();
    assert.equal(await stale, "old");
    assert.equal(await fresh, "new");
    assert.equal(await cache.get("a", compute("newer")), "new", "the fresh body was kept, the stale one not");
  });

  it("serves nothing from memory while not listening, and forgets all on loss or reconnect", async () => {
    const { signals, cache, compute, computed } = cacheOf();
    await cache.get("a", compute("A1"));
    signals.listening = false;
    signals.emit("lost");
    assert.equal(await cache.get("a", compute("A2")), "A2");
    assert.equal(await cache.get("a", compute("A3")), "A3");
    signals.listening = true;
    signals.emit("connected");
    assert.equal(await cache.get("a", compute("A4")), "A4");
    assert.equal(await cache.get("a", compute("A5")), "A4");
    assert.equal(computed(), 4);
  });

  it("stays within its bytes, dropping the least recently used first", async () => {
    const { cache, compute } = cacheOf(10);
    await cache.get("a", compute("aaaa"));
    await cache.get("b", compute("bbbb"));
    await cache.get("a", compute("xxxx")); // a is now the most recently used
    await cache.get("c", compute("cccc")); // 12 bytes: b goes
    assert.equal(cache.snapshot().bytes, 8);
    assert.equal(await cache.get("a", compute("yyyy")), "aaaa");
    assert.equal(await cache.get("b", compute("BBBB")), "BBBB");
    assert.equal(await cache.get("big", compute("z".repeat(11))), "z".repeat(11));
    assert.ok(cache.snapshot().bytes <= 10, "a body larger than the cache is served, not kept");
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { notYet, until, waitFor } from "./wait.js";

describe("waiting helpers", () => {
  it("waitFor returns the first value that is not undefined, polling until then", async () => {
    let calls = 0;
    const value = await waitFor("the third call", () => (++calls >= 3 ? calls : undefined), 5_000);
    assert.equal(value, 3);
    assert.equal(calls, 3);
  });

  it("waitFor past its time throws naming what it waited for", async () => {
    await assert.rejects(
      waitFor("a value that never comes", () => undefined, 300),
      {
        message: "timed out after 300 ms waiting for a value that never comes",
      },
    );
  });

  it("waitFor looks again on notYet, and past its time names the last reason", async () => {
    let calls = 0;
    const value = await waitFor(
      "the second call",
      () => (++calls >= 2 ? "done" : notYet("first call")),
      5_000,
      10,
    );
    assert.equal(value, "done");
    await assert.rejects(
      waitFor("a row", () => notYet("no row yet"), 100, 10),
      {
        message: "timed out after 100 ms waiting for a row: no row yet",
      },
    );
  });

  it("until resolves once the check is true and throws when it stays false", async () => {
    let calls = 0;
    await until("the second call", () => ++calls >= 2, 5_000);
    assert.equal(calls, 2);
    await assert.rejects(
      until("never", () => false, 300),
      /waiting for never/,
    );
  });
});

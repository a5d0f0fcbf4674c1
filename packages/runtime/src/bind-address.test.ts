import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isLoopback } from "./bind-address.js";
import { loadConfig } from "./config.js";
import { configAsEnv } from "./config-env.js";
import { ConfigError } from "./errors.js";

describe("ECOM_BIND_ADDRESS", () => {
  it("is loopback by default, every interface when asked, and passed on to services", () => {
    assert.equal(loadConfig({}).bindAddress, "127.0.0.1");
    assert.equal(isLoopback(loadConfig({}).bindAddress), true);
    const exposed = loadConfig({ ECOM_BIND_ADDRESS: "0.0.0.0" });
    assert.equal(isLoopback(exposed.bindAddress), false);
    assert.deepEqual(
      configAsEnv(exposed).filter(([name]) => name === "ECOM_BIND_ADDRESS"),
      [["ECOM_BIND_ADDRESS", "0.0.0.0"]],
    );
  });

  it("refuses an address the platform's own clients would not reach at localhost", () => {
    for (const value of ["192.0.2.2", "localhost", "::1", "127.0.0.2"]) {
      assert.throws(
        () => loadConfig({ ECOM_BIND_ADDRESS: value }),
        (error: unknown) =>
          error instanceof ConfigError &&
          error.problems.some((p) => p.startsWith(`ECOM_BIND_ADDRESS=${value} `)),
        value,
      );
    }
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError, loadConfig } from "@ecomstream/runtime";
import { loadDetectorConfig } from "./config.js";

const writer = { ECOM_DATABASE_WRITER_URL: "postgres://w:p@db.example/shop" };

describe("the detector's settings", () => {
  it("has defaults and no webhook unless asked", () => {
    const config = loadDetectorConfig({ ...writer, ECOM_DETECTOR_PORT: "19105" });
    assert.deepEqual(config, {
      databaseUrl: "postgres://w:p@db.example/shop",
      port: 19105,
      host: "127.0.0.1",
      pollMs: 5000,
      webhook: undefined,
    });
  });

  it("reads its own variables", () => {
    const config = loadDetectorConfig({
      ...writer,
      ECOM_DETECTOR_POLL_MS: "250",
      ECOM_DETECTOR_WEBHOOK_URL: "https://hooks.example/alerts",
      ECOM_DETECTOR_WEBHOOK_SECRET: "s3cret",
      ECOM_DETECTOR_WEBHOOK_ATTEMPTS: "2",
    });
    assert.equal(config.pollMs, 250);
    assert.deepEqual(config.webhook, { url: "https://hooks.example/alerts", secret: "s3cret", attempts: 2 });
    const platform = loadConfig({ ...writer, ECOM_DETECTOR_PORT: "9999" });
    assert.equal(loadDetectorConfig(writer, platform).port, 9999, "a given platform config is used");
  });

  it("names its bad variables and the platform's in one error", () => {
    assert.throws(
      () =>
        loadDetectorConfig({
          ...writer,
          ECOM_API_PORT: "x",
          ECOM_DETECTOR_POLL_MS: "5",
          ECOM_DETECTOR_WEBHOOK_URL: "ftp://hooks",
        }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(error.problems, [
          "ECOM_API_PORT=x must be an integer from 1 to 65535",
          "ECOM_DETECTOR_POLL_MS=5 must be an integer from 100 to 3600000",
          "ECOM_DETECTOR_WEBHOOK_URL=ftp://hooks must be an http(s) URL",
          "ECOM_DETECTOR_WEBHOOK_SECRET must be set when ECOM_DETECTOR_WEBHOOK_URL is",
        ]);
        return true;
      },
    );
  });
});

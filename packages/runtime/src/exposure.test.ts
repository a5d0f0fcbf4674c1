import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadConfig } from "./config.js";
import { EcomError, errorCodes } from "./errors.js";
import { defaultSecretsExposed, requireSafeExposure } from "./exposure.js";

const everything = ["kafka", "postgres", "minio", "spark-connect", "api", "dashboard"];
const own = {
  ECOM_API_KEY: "k-5f0c1e",
  ECOM_DATABASE_URL: "postgres://ecom:pg-77a1@localhost:5432/ecom",
  ECOM_S3_SECRET_KEY: "s3-secret-9b2d",
};

describe("an exposed platform refuses published default secrets", () => {
  it("on loopback, the defaults are fine", () => {
    assert.deepEqual(defaultSecretsExposed(loadConfig({ ECOM_PROFILE: "s3" }), everything), []);
  });

  it("on every interface, it names each default among the parts it starts", () => {
    const exposed = loadConfig({ ECOM_BIND_ADDRESS: "0.0.0.0", ECOM_PROFILE: "s3" });
    assert.deepEqual(defaultSecretsExposed(exposed, everything), [
      "ECOM_API_KEY",
      "ECOM_DATABASE_URL",
      "ECOM_S3_SECRET_KEY",
    ]);
    // what is not started (or external) is not judged
    assert.deepEqual(defaultSecretsExposed(exposed, ["kafka", "spark-connect"]), []);
    assert.deepEqual(defaultSecretsExposed(exposed, ["api"]), ["ECOM_API_KEY"]);
  });

  it("secrets of one's own pass, and the embedded Postgres stays embedded under its new password", () => {
    const config = loadConfig({ ECOM_BIND_ADDRESS: "0.0.0.0", ECOM_PROFILE: "s3", ...own });
    assert.equal(config.postgres.embedded, true);
    assert.deepEqual(defaultSecretsExposed(config, everything), []);
    assert.doesNotThrow(() => requireSafeExposure(config, everything));
    // another user, host or database is still an external server
    const other = loadConfig({ ECOM_DATABASE_URL: "postgres://shop:pg-77a1@localhost:5432/ecom" });
    assert.equal(other.postgres.embedded, false);
  });

  it("fails with one line and its fix, a config error", () => {
    const config = loadConfig({ ECOM_BIND_ADDRESS: "0.0.0.0", ECOM_API_KEY: own.ECOM_API_KEY });
    assert.throws(
      () => requireSafeExposure(config, everything),
      (error: unknown) => {
        assert.ok(error instanceof EcomError);
        assert.equal(error.code, errorCodes.config);
        assert.doesNotMatch(error.message, /\n/);
        assert.match(error.message, /ECOM_BIND_ADDRESS=0\.0\.0\.0 .* ECOM_DATABASE_URL still hold/);
        assert.match(
          error.fix ?? "",
          /^set ECOM_DATABASE_URL=postgres:\/\/ecom:<secret>@localhost:5432\/ecom /,
        );
        assert.doesNotMatch(error.fix ?? "", /ECOM_API_KEY/);
        return true;
      },
    );
  });
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LakeLayout, lakeLayout } from "@ecomstream/lake-model";
import { type EcomConfig, loadConfig } from "@ecomstream/runtime";

/** A throwaway ecomstream home with its own lake and checkpoints, on the runtime tests run against. */
export interface TempHome {
  dir: string;
  config: EcomConfig;
  lake: LakeLayout;
  remove(): void;
}

/** For tests: settings of the running runtime (`./ecom test` exports them) with a private home under /tmp. */
export function tempHome(prefix: string, extra: Record<string, string> = {}): TempHome {
  const runtime = loadConfig();
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const config = loadConfig({
    ...process.env,
    ECOM_HOME: dir,
    ECOM_LAKE_URI: `file://${dir}/lake`,
    ECOM_CHECKPOINT_URI: `file://${dir}/checkpoints`,
    ECOM_SPARK_REMOTE: runtime.spark.remote,
    ECOM_KAFKA_BOOTSTRAP: runtime.kafka.bootstrap,
    // the runtime's Postgres: its database roles' passwords, on whichever database the test names
    ECOM_SECRETS_DIR: runtime.postgres.secretsDir,
    ECOM_DATABASE_READER_URL: undefined,
    ECOM_DATABASE_WRITER_URL: undefined,
    ...extra,
  });
  return {
    dir,
    config,
    lake: lakeLayout(config.lake.uri),
    // a stopped query's last tasks may still be writing checkpoint files: retry on ENOTEMPTY
    remove: () => rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }),
  };
}

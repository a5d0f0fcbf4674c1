import { describeError, EcomError, errorCodes, loadConfig, roleDatabaseUrl } from "@ecomstream/runtime";
import { buildApp, redactPaths } from "./app.js";
import { createPool, redactUrl } from "./db.js";

/** Service entry: `node --import tsx services/api/src/main.ts` (./ecom up runs it). */
async function main(): Promise<void> {
  const config = loadConfig();
  // the API's own login, ecom_reader: never the administrator's
  const databaseUrl = roleDatabaseUrl(config, "ecom_reader");
  const pool = createPool(databaseUrl);
  const app = await buildApp({
    config,
    pool,
    databaseUrl,
    logger: {
      level: process.env.ECOM_LOG_LEVEL ?? "info",
      base: { component: "api" },
      redact: { paths: redactPaths, censor: "***" },
    },
  });
  app.addHook("onClose", async () => pool.end());
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, "stopping");
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  try {
    await app.listen({ port: config.api.port, host: config.bindAddress });
  } catch (error) {
    await app.close();
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    throw new EcomError(errorCodes.portInUse, `port ${config.api.port} is in use`, {
      fix: "stop what listens there, or set ECOM_API_PORT to a free port",
      cause: error,
    });
  }
  app.log.info(
    { url: `http://localhost:${config.api.port}`, docs: "/docs", database: redactUrl(databaseUrl) },
    "api listening",
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`api: ${describeError(error)}\n`);
  process.exit(1);
});

import { createLogger, describeError } from "@ecomstream/runtime";
import pg from "pg";
import { loadDetectorConfig } from "./config.js";
import { DetectorEngine } from "./engine.js";
import { DetectorService } from "./service.js";
import { WebhookSender } from "./webhook.js";

const logger = createLogger("anomaly-detector");
let config: ReturnType<typeof loadDetectorConfig>;
try {
  config = loadDetectorConfig();
} catch (error) {
  process.stderr.write(`anomaly-detector: ${describeError(error)}\n`);
  process.exit(1);
}
// the ecom_writer login (the role again at start-up, in case the login is only a member of it)
const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 2, options: "-c role=ecom_writer" });
pool.on("error", () => undefined);
const hook = config.webhook;
const webhook = hook
  ? new WebhookSender({
      ...hook,
      onResult: (ok, event, error) => {
        service.metrics.webhook.inc({ outcome: ok ? "delivered" : "failed" });
        if (!ok)
          logger.error({ event: event.event, alert: event.alert.id, error }, "webhook delivery failed");
      },
    })
  : undefined;
const service = new DetectorService({
  pool,
  engine: new DetectorEngine(),
  logger,
  pollMs: config.pollMs,
  port: config.port,
  host: config.host,
  webhook,
});
await service.start();
logger.info(
  { port: config.port, pollMs: config.pollMs, webhook: hook?.url ?? null },
  "anomaly detector started",
);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void service
      .stop()
      .then(() => pool.end())
      .finally(() => process.exit(0));
  });
}

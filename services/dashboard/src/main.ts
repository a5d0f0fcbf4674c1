// The dashboard service: builds the app when its bundle is missing or stale, then serves it.
import { createLogger, loadConfig } from "@ecomstream/runtime";
import { ensureBundle } from "./build.js";
import { buildDashboardServer } from "./dashboard-server.js";

const config = loadConfig();
const logger = createLogger("dashboard");
const rebuilt = await ensureBundle();
if (rebuilt) logger.info({ why: rebuilt }, "built the dashboard bundle");
const app = await buildDashboardServer({ config });
await app.listen({ port: config.dashboard.port, host: config.bindAddress });
const stop = () => void app.close().then(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);

// The topic console service (ECOM_CONSOLE_PORT): Kafka topics, lag and messages over the same app bundle.
import { loadConfig } from "@ecomstream/runtime";
import { ensureBundle } from "./build.js";
import { buildConsoleServer } from "./console-server.js";

const config = loadConfig();
await ensureBundle();
const app = await buildConsoleServer({ config });
await app.listen({ port: config.console.port, host: config.bindAddress });
const stop = () => void app.close().then(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);

import { fileURLToPath } from "node:url";
import { loadConfig } from "@ecomstream/runtime";
import { buildApp } from "./app.js";
import type { Pool } from "./db.js";
import { renderOpenapi } from "./openapi.js";

/** Where the committed document lives. */
export const openapiPath = fileURLToPath(new URL("../openapi.json", import.meta.url));

/** The OpenAPI document, from the route schemas, with no database or Spark behind the app. */
export async function generateOpenapi(): Promise<string> {
  const unused = new Proxy({}, { get: () => () => Promise.reject(new Error("no database")) }) as Pool;
  const app = await buildApp({
    config: loadConfig({}),
    pool: unused,
    // never opened: the document needs no database login
    databaseUrl: "postgres://unused@127.0.0.1:9/unused",
    samples: { recent: async () => [], close: async () => undefined },
    probeStage: async () => null,
  });
  try {
    await app.ready();
    return renderOpenapi(app.swagger());
  } finally {
    await app.close();
  }
}

import { pendingMigrations } from "@ecomstream/runtime";
import { Type } from "@sinclair/typebox";
import type { App, Deps } from "../deps.js";
import { unavailable } from "../errors.js";
import { jsonResponse, problemResponses } from "../schemas/common.js";

const HealthSchema = Type.Object(
  { status: Type.Literal("ok"), healthy: Type.Literal(true, { description: "as every service's /health" }) },
  { additionalProperties: false },
);
const ReadySchema = Type.Object(
  { status: Type.Literal("ready"), migrations: Type.Integer({ description: "migrations applied" }) },
  { additionalProperties: false },
);

/** Liveness (the process answers) and readiness (Postgres reachable, migrations current). */
export function healthRoutes(app: App, deps: Deps): void {
  app.get(
    "/health",
    {
      config: { rateLimit: false },
      schema: {
        operationId: "getHealth",
        tags: ["service"],
        summary: "Liveness: the process answers",
        response: { 200: jsonResponse("alive", HealthSchema), ...problemResponses },
      },
    },
    async () => ({ status: "ok" as const, healthy: true as const }),
  );

  app.get(
    "/ready",
    {
      config: { rateLimit: false },
      schema: {
        operationId: "getReady",
        tags: ["service"],
        summary: "Readiness: Postgres reachable and every migration applied (503 otherwise)",
        response: { 200: jsonResponse("ready", ReadySchema), ...problemResponses },
      },
    },
    async () => {
      let applied = 0;
      try {
        await deps.pool.query("select 1");
      } catch (error) {
        throw unavailable(`Postgres is unreachable: ${(error as Error).message}`, error);
      }
      const pending = await pendingMigrations(async (sql) => {
        const result = await deps.pool.query<{ name: string }>(sql);
        applied = result.rowCount ?? 0;
        return result;
      });
      if (pending.length > 0) {
        throw unavailable(`migrations not applied: ${pending.join(", ")} (run ./ecom up)`);
      }
      return { status: "ready" as const, migrations: applied };
    },
  );
}

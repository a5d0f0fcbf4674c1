import { type EcomEvent, silverColumns, sparkValidationSql } from "@ecomstream/contracts";
import { ensureDeltaTable, lakeStore } from "@ecomstream/lake";
import { layerSpecs } from "@ecomstream/lake-model";
import type { SparkSession } from "@ecomstream/spark-connect";
import type { TempHome } from "@ecomstream/testkit";

/** Test helpers of gold-writer: deterministic events, and silver appended as the silver writer appends it. */

const types = [
  "page_view",
  "product_view",
  "add_to_cart",
  "checkout_started",
  "purchase",
  "payment_failed",
] as const;
const currencies = ["USD", "EUR", "GBP"] as const;

/** `count` valid events from `startMs`, `stepMs` apart, of every type; ids prefixed by `tag`. */
export function makeEvents(tag: string, startMs: number, count: number, stepMs: number): EcomEvent[] {
  return Array.from({ length: count }, (_, i): EcomEvent => {
    const type = types[i % types.length]!;
    const common = {
      event_id: `${tag}-${i}`,
      event_ts: new Date(startMs + i * stepMs).toISOString(),
      schema_version: 1 as const,
      user_id: `u${i % 7}`,
      session_id: `${tag}-s${i % 5}`,
      device: "mobile" as const,
      country: "NL",
    };
    switch (type) {
      case "page_view":
        return { ...common, event_type: type, page: "/" };
      case "product_view":
        return { ...common, event_type: type, product_id: "p1", category: "c", price: 3.5 };
      case "add_to_cart":
        return { ...common, event_type: type, product_id: "p1", category: "c", price: 3.5, quantity: 2 };
      case "checkout_started":
        return { ...common, event_type: type, order_id: `o${i}` };
      case "purchase":
        return {
          ...common,
          event_type: type,
          order_id: `o${i}`,
          order_total: 10.1 + i,
          currency: currencies[i % 3]!,
        };
      default:
        return { ...common, event_type: "payment_failed", order_id: `o${i}`, currency: "EUR" };
    }
  });
}

const hex = (text: string) => Buffer.from(text, "utf8").toString("hex");

/**
 * Appends `events` to silver the way the silver writer does: typed by the contract's SQL, then
 * appended to silver's Delta table (partitioned event_date/hour) in one commit per call.
 */
export async function appendSilver(
  session: SparkSession,
  home: TempHome,
  events: readonly EcomEvent[],
): Promise<void> {
  const ingestMs = Math.max(...events.map((e) => Date.parse(e.event_ts))) + 60_000;
  const rows = events.map(
    (e, i) => `(unhex('${hex(JSON.stringify(e))}'), timestamp_millis(${ingestMs}), ${i})`,
  );
  const raw = `(VALUES ${rows.join(", ")} AS t(value, kafka_timestamp, offset))`;
  const typed = await session.sql(sparkValidationSql(raw, { valueIsBinary: true }));
  const spec = layerSpecs(home.lake).silver;
  await ensureDeltaTable(session, lakeStore(home.config), spec);
  await typed
    .filter("reason IS NULL")
    .selectExpr(
      ...silverColumns.map((c) => c.name),
      "'t' AS topic",
      "0 AS partition",
      "CAST(offset AS BIGINT) AS offset",
      "kafka_timestamp",
    )
    .write.format("delta")
    .mode("append")
    .save(spec.uri);
}

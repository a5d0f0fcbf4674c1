import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SparkSession } from "@ecomstream/spark-connect";
import { computeKpiMinutes, kpiMinuteColumns } from "./kpis.js";
import { sparkKpiMinuteSql } from "./spark-kpis.js";
import { sparkValidationSql } from "./spark-typed.js";
import type { EcomEvent } from "./types.js";
import { validationCases } from "./validation-cases.js";
import { validateRecord } from "./validator.js";

/**
 * The TypeScript validator and the Spark SQL must give every record of the agreement table the
 * same verdict, on a real Spark Connect server (ECOM_SPARK_REMOTE, default sc://localhost:15002).
 */
const remote = process.env.ECOM_SPARK_REMOTE ?? "sc://localhost:15002";
const hex = (v: string | Uint8Array) =>
  Buffer.from(typeof v === "string" ? new TextEncoder().encode(v) : v).toString("hex");

/** An inline relation (id, value BINARY, kafka_timestamp) of raw records; no quoting issues. */
function rawRelation(
  records: ReadonlyArray<{ value: string | Uint8Array | null; ingestTime: Date }>,
): string {
  const rows = records.map(
    (r, i) =>
      `(${i}, ${r.value === null ? "CAST(NULL AS BINARY)" : `unhex('${hex(r.value)}')`}, timestamp_millis(${r.ingestTime.getTime()}))`,
  );
  return `(VALUES ${rows.join(", ")} AS t(id, value, kafka_timestamp))`;
}

const validated = (records: Parameters<typeof rawRelation>[0]) =>
  `(${sparkValidationSql(rawRelation(records), { valueIsBinary: true })})`;

describe("Spark SQL agrees with validateRecord", { timeout: 180_000 }, () => {
  let spark: SparkSession;
  before(async () => {
    spark = await SparkSession.connect(`${remote.replace(/\/$/, "")}/;user_id=contracts-agreement-test`);
  });
  after(async () => {
    await spark?.close();
  });

  it("gives every record of the table the same reason and field", async () => {
    const rows = await (
      await spark.sql(`SELECT id, reason, field FROM ${validated(validationCases)} ORDER BY id`)
    ).collect();
    assert.equal(rows.length, validationCases.length);
    const disagreements = rows.flatMap((row) => {
      const tc = validationCases[Number(row.id)]!;
      const ts = validateRecord(tc.value, tc.ingestTime);
      const fromTs = ts.ok ? "valid" : `${ts.reason}/${ts.field}`;
      const fromSpark = row.reason === null ? "valid" : `${row.reason}/${row.field}`;
      return fromTs === fromSpark ? [] : [`${tc.name}: typescript ${fromTs}, spark ${fromSpark}`];
    });
    assert.deepEqual(disagreements, []);
  });

  it("projects valid records to the same typed values, in any session time zone", async () => {
    await (await spark.sql("SET spark.sql.session.timeZone = America/Los_Angeles")).collect();
    try {
      const valid = validationCases.filter((c) => c.expected === "valid");
      const rows = await (
        await spark.sql(
          `SELECT id, event_id, event_ts, event_date, hour, price, quantity FROM ${validated(valid)} ORDER BY id`,
        )
      ).collect();
      for (const row of rows) {
        const tc = valid[Number(row.id)]!;
        const r = validateRecord(tc.value, tc.ingestTime);
        assert.ok(r.ok);
        const event = r.event as Record<string, unknown>;
        assert.equal((row.event_ts as Date).getTime(), r.eventTimeMs, tc.name);
        const iso = new Date(r.eventTimeMs).toISOString();
        assert.equal(row.event_date, iso.slice(0, 10), tc.name);
        assert.equal(row.hour, Number(iso.slice(11, 13)), tc.name);
        assert.equal(row.event_id, event.event_id);
        assert.equal(row.price, event.price ?? null, tc.name);
        assert.equal(row.quantity, event.quantity ?? null, tc.name);
      }
    } finally {
      await (await spark.sql("SET spark.sql.session.timeZone = UTC")).collect();
    }
  });

  it("computes the same kpi_minute rows as computeKpiMinutes", async () => {
    const types = ["page_view", "product_view", "purchase", "payment_failed", "checkout_started"] as const;
    const events: EcomEvent[] = [];
    for (let i = 0; i < 60; i++) {
      const type = types[i % types.length]!;
      const common = {
        event_id: `e${i}`,
        event_ts: new Date(Date.UTC(2024, 2, 10, 11, 58, 0) + i * 3_700).toISOString(),
        schema_version: 1 as const,
        user_id: `u${i % 7}`,
        session_id: `s${i % 11}`,
        device: "desktop" as const,
        country: "NL",
      };
      if (type === "page_view") events.push({ ...common, event_type: type, page: "/" });
      else if (type === "product_view")
        events.push({ ...common, event_type: type, product_id: "p", category: "c", price: i });
      else if (type === "purchase")
        events.push({
          ...common,
          event_type: type,
          order_id: `o${i}`,
          order_total: 10.5 + i,
          currency: (["USD", "EUR", "GBP"] as const)[i % 3]!,
        });
      else if (type === "payment_failed")
        events.push({ ...common, event_type: type, order_id: `o${i}`, currency: "USD" });
      else events.push({ ...common, event_type: type, order_id: `o${i}` });
    }
    const ingestTime = new Date(Date.UTC(2024, 2, 10, 12, 30));
    const source = validated(events.map((e) => ({ value: JSON.stringify(e), ingestTime })));
    const rows = await (
      await spark.sql(`${sparkKpiMinuteSql(source, { exactDistinct: true })} ORDER BY window_start`)
    ).collect();
    const expected = computeKpiMinutes(events);
    assert.equal(rows.length, expected.length);
    expected.forEach((exp, i) => {
      const row = rows[i]!;
      for (const column of kpiMinuteColumns) {
        const want = exp[column.name as keyof typeof exp];
        const got = row[column.name];
        if (column.type === "timestamp") assert.equal((got as Date).toISOString(), want, column.name);
        else if (want === null || column.type === "bigint") assert.equal(got, want, column.name);
        else
          assert.ok(
            Math.abs((got as number) - (want as number)) <= 1e-9 * Math.abs(want as number),
            column.name,
          );
      }
    });
  });

  it("approximate distinct counts (streams) stay within the spec's 2%, from a few values to 300k", async () => {
    for (const distinct of [7, 2_000, 60_000, 300_000]) {
      const source =
        "(SELECT TIMESTAMP'2024-03-10 12:00:30' AS event_ts, 'page_view' AS event_type, " +
        `concat('u', id % ${distinct}) AS user_id, concat('s', id % ${Math.ceil(distinct / 3)}) AS session_id, ` +
        `CAST(NULL AS DOUBLE) AS order_total, CAST(NULL AS STRING) AS currency FROM range(${Math.max(distinct, 1000)}))`;
      const [row] = await (await spark.sql(sparkKpiMinuteSql(source))).collect();
      const users = Number(row?.unique_users);
      const sessions = Number(row?.unique_sessions);
      assert.ok(Math.abs(users - distinct) <= 0.02 * distinct, `${users} users of ${distinct}`);
      const wantSessions = Math.ceil(distinct / 3);
      assert.ok(
        Math.abs(sessions - wantSessions) <= 0.02 * wantSessions,
        `${sessions} sessions of ${wantSessions}`,
      );
    }
  });
});

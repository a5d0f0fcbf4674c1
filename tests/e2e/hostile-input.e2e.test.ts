import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { sampleWith, validateRecord, validationCases } from "@ecomstream/contracts";
import { lakeLayout } from "@ecomstream/lake-model";
import { reconcile } from "@ecomstream/reconcile";
import { SparkSession } from "@ecomstream/spark-connect";
import { notYet, waitFor } from "@ecomstream/testkit";
import { Producer } from "@platformatic/kafka";
import pg from "pg";
import {
  ecomOk,
  type PipelinePlatform,
  privateDatabase,
  privatePlatform,
  readManifest,
} from "./pipeline-platform.js";

/** The sample records' event_id, replaced per record so every valid case is an event of its own. */
const sampleEventId = "4f1c2b9e-8a7d-4c3e-9b2a-1d0e5f6a7b8c";
const utf8 = new TextEncoder();
const bytesOf = (value: string | Uint8Array) =>
  Buffer.from(typeof value === "string" ? utf8.encode(value) : value);

/** A purchase whose order_total is valid but whose revenue overflows a double once converted. */
function hugePurchase(eventTs: Date): string {
  return JSON.stringify({
    event_id: randomUUID(),
    event_type: "purchase",
    event_ts: eventTs.toISOString(),
    schema_version: 1,
    user_id: "u-hostile",
    session_id: "s-hostile",
    device: "desktop",
    country: "DE",
    order_id: "o-hostile",
    order_total: 1.7e308,
    currency: "GBP",
  });
}

describe("hostile records against a running platform (slow)", () => {
  let platform: PipelinePlatform;
  let spark: SparkSession;
  let db: pg.Pool;
  let database: Awaited<ReturnType<typeof privateDatabase>> | undefined;
  /** What was produced, by record key. */
  const produced = new Map<string, { name: string; value: Buffer | null }>();

  before(async () => {
    platform = await privatePlatform();
    // the agreement table's events happened in 2024: retention would drop their partitions at once
    for (const layer of ["BRONZE", "SILVER", "QUARANTINE", "GOLD"])
      platform.env[`ECOM_RETENTION_${layer}`] = "3650 days";
    database = await privateDatabase(platform, "hostile");
    await ecomOk(platform, ["up"]);
    spark = await SparkSession.connect(platform.config.spark.remote);
    db = new pg.Pool({ connectionString: database.url, max: 2 });
  });

  after(async () => {
    await db?.end();
    await spark?.close();
    if (platform) await ecomOk(platform, ["down", "--purge"]);
    await database?.drop();
  });

  it("every case of the agreement table ends where the contract says, and serving goes on", async () => {
    const producer = new Producer({
      clientId: "hostile-e2e",
      bootstrapBrokers: platform.config.kafka.bootstrap.split(","),
      idempotent: true,
    });
    const huge = hugePurchase(new Date(Date.now() - 30_000));
    try {
      const records = [
        ...validationCases.map((c) => ({
          name: c.name,
          value:
            c.value === null
              ? null
              : bytesOf(
                  typeof c.value === "string" ? c.value.replaceAll(sampleEventId, randomUUID()) : c.value,
                ),
        })),
        { name: "revenue overflowing a double", value: bytesOf(huge) },
      ];
      const partitions = platform.config.topic.partitions;
      // one send per record: a batch holding two large records would pass the broker's size limit
      for (const [i, r] of records.entries()) {
        await producer.send({
          messages: [
            {
              topic: platform.config.topic.name,
              key: Buffer.from(`hostile-${i}`),
              ...(r.value === null ? {} : { value: r.value }),
              partition: i % partitions,
            },
          ],
        });
      }
      records.forEach((r, i) => {
        produced.set(`hostile-${i}`, r);
      });
    } finally {
      await producer.close();
    }

    // normal traffic after the hostile records: serving must keep taking later minutes
    const before = new Date();
    await ecomOk(platform, ["generate", "--count", "600", "--rate", "100", "--flat", "--no-progress"]);
    await ecomOk(platform, ["reconcile", "--wait", "240"], 300_000);

    const lake = lakeLayout(platform.config.lake.uri);
    const bronze = await (await spark.read.format("delta").load(lake.bronze))
      .selectExpr("key", "partition", "offset", "kafka_timestamp")
      .where("key LIKE 'hostile-%'")
      .collect();
    const silver = await (await spark.read.format("delta").load(lake.silver))
      .selectExpr("partition", "offset")
      .collect();
    const quarantine = await (await spark.read.format("delta").load(lake.quarantine))
      .selectExpr("partition", "offset", "reason", "field")
      .collect();
    const where = new Map<string, string>();
    for (const r of silver) where.set(`${r.partition}:${r.offset}`, "valid");
    for (const r of quarantine) where.set(`${r.partition}:${r.offset}`, `${r.reason}/${r.field}`);
    const wrong: string[] = [];
    assert.equal(bronze.length, produced.size, "every hostile record is in bronze once");
    for (const row of bronze) {
      const record = produced.get(String(row.key));
      assert.ok(record, `bronze key ${row.key} was produced`);
      const verdict = validateRecord(record.value, row.kafka_timestamp as Date);
      const expected = verdict.ok ? "valid" : `${verdict.reason}/${verdict.field}`;
      const got = where.get(`${row.partition}:${row.offset}`) ?? "nowhere";
      if (got !== expected) wrong.push(`${record.name}: expected ${expected}, got ${got}`);
    }
    assert.deepEqual(wrong, []);

    // serving took the minutes after the hostile records, and holds no non-finite number
    await waitFor(
      "serving has the minutes after the hostile records",
      async () => {
        const { rows } = await db.query(
          "SELECT count(*) AS n FROM serving.kpi_minute WHERE window_start >= date_trunc('minute', $1::timestamptz) AND events > 0",
          [before],
        );
        return Number(rows[0].n) > 0 ? true : notYet("no minute after the hostile records yet");
      },
      180_000,
      1000,
    );
    const { rows: nonFinite } = await db.query(
      "SELECT window_start FROM serving.kpi_minute WHERE revenue_usd::float8 IN ('Infinity'::float8, '-Infinity'::float8, 'NaN'::float8) " +
        "OR aov_usd::float8 IN ('Infinity'::float8, '-Infinity'::float8, 'NaN'::float8)",
    );
    assert.deepEqual(nonFinite, []);
    const status = await ecomOk(platform, ["status"]);
    assert.doesNotMatch(status, /\bDOWN\b/, status);
  });

  it("two copies of one event 11 ms apart, the later one sent first: silver keeps the first copy", async () => {
    const eventId = randomUUID();
    const stamp = Date.now() - 20_000;
    const copy = (user: string) =>
      bytesOf(
        JSON.stringify(
          sampleWith("page_view", {
            event_id: eventId,
            event_ts: new Date(stamp - 1_000).toISOString(),
            user_id: user,
          }),
        ),
      );
    const producer = new Producer({
      clientId: "hostile-e2e-copies",
      bootstrapBrokers: platform.config.kafka.bootstrap.split(","),
      idempotent: true,
    });
    try {
      // Kafka's first copy is the smallest record timestamp: the copy stamped 11 ms earlier,
      // though the broker receives it second (and on a higher partition)
      for (const [user, ms, partition] of [
        ["u-later-copy", stamp + 11, 0],
        ["u-first-copy", stamp, 1],
      ] as const) {
        await producer.send({
          messages: [
            {
              topic: platform.config.topic.name,
              key: Buffer.from(`copy-${user}`),
              value: copy(user),
              partition,
              timestamp: BigInt(ms),
            },
          ],
        });
      }
    } finally {
      await producer.close();
    }
    const lake = lakeLayout(platform.config.lake.uri);
    await waitFor(
      "silver keeps the copy stamped first",
      async () => {
        const rows = await (await spark.read.format("delta").load(lake.silver))
          .where(`event_id = '${eventId}'`)
          .selectExpr("user_id")
          .collect();
        const users = rows.map((r) => String(r.user_id));
        return users.length === 1 && users[0] === "u-first-copy"
          ? true
          : notYet(`silver holds ${JSON.stringify(users)}`);
      },
      240_000,
      1000,
    );
    await ecomOk(platform, ["reconcile", "--wait", "240"], 300_000);
  });

  it("a backfill stamped hours back reaches silver whole and the books balance", async () => {
    // silver has already seen records stamped now (the test before): a watermark on the Kafka
    // record time would now drop everything stamped more than the dedup window back
    const start = new Date(Date.now() - 3 * 3600_000);
    await ecomOk(platform, [
      "generate",
      "--count",
      "3000",
      "--rate",
      "1",
      "--flat",
      "--start",
      start.toISOString(),
      "--speed",
      "120",
      "--seed",
      "20261204",
      "--manifest",
      platform.manifestPath,
      "--no-progress",
    ]);
    const manifest = readManifest(platform);
    await ecomOk(platform, ["reconcile", "--wait", "240"], 300_000);
    // the backfill's Kafka times (late records included), none of the traffic stamped now
    const report = await reconcile(spark, platform.config, {
      from: new Date(start.getTime() - 3600_000),
      to: new Date(start.getTime() + 2 * 3600_000),
    });
    assert.equal(report.ok, true, JSON.stringify(report.checks));
    assert.equal(report.counts.bronze, manifest.expected.bronzeRecords);
    assert.equal(report.counts.silver, manifest.expected.silverRows);
    assert.equal(report.duplicates, manifest.expected.droppedDuplicates);
  });
});

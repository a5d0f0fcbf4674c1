import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sampleWith } from "@ecomstream/contracts";
import { lakeStore } from "@ecomstream/lake";
import { lakeCounts, registerLakeViews } from "@ecomstream/reconcile";
import { createServingPool } from "@ecomstream/runtime";
import { SparkSession } from "@ecomstream/spark-connect";
import { type TempDatabase, type TempHome, tempDatabase, tempHome } from "@ecomstream/testkit";
import type pg from "pg";
import { appendLake, type KafkaRecord, strayBronzeFile } from "./lake.fixture.js";
import { sparkRemote } from "./loader.fixture.js";
import { syncQuality } from "./quality-sync.js";

const t0 = Date.UTC(2024, 2, 10, 11, 58); // minutes 11:58, 11:59 (hour 11), 12:00, 12:01 (hour 12)
const minute = (i: number) => t0 + i * 60_000;
const topic = "loader.quality.test";
const watermarkMs = 60_000;

let offset = 0;
const record = (value: string, kafkaMs: number): KafkaRecord => ({
  value,
  kafkaMs,
  partition: offset % 2,
  offset: offset++,
});
/** A valid page view ingested at `kafkaMs`, its event time `ageMs` earlier. */
const view = (id: string, kafkaMs: number, ageMs = 2000) =>
  record(
    JSON.stringify(
      sampleWith("page_view", { event_id: id, event_ts: new Date(kafkaMs - ageMs).toISOString() }),
    ),
    kafkaMs,
  );
const productView = (changes: Record<string, unknown>, kafkaMs: number) =>
  record(
    JSON.stringify(
      sampleWith("product_view", { event_ts: new Date(kafkaMs - 1000).toISOString(), ...changes }),
    ),
    kafkaMs,
  );

interface Row {
  minute: Date;
  records: string;
  valid: string;
  quarantined: string;
  quarantined_by_reason: Record<string, number>;
  duplicates: string;
  late: string;
  updated_at: Date;
}

describe("loader: lake counts -> quality_minute", { timeout: 300_000 }, () => {
  let session: SparkSession;
  let home: TempHome;
  let db: TempDatabase;
  let writer: pg.Pool;

  before(async () => {
    session = await SparkSession.connect(`${sparkRemote.replace(/\/$/, "")}/;user_id=loader-quality-test`);
    home = tempHome("loader-");
    db = await tempDatabase("ecom_loader_test");
    writer = createServingPool(db.writerUrl);
  });
  after(async () => {
    await writer?.end();
    await db?.drop();
    await session?.close();
    home?.remove();
  });

  const rows = async () =>
    (await db.pool.query<Row>("SELECT * FROM serving.quality_minute ORDER BY minute")).rows;
  const sync = (nowMs: number) =>
    syncQuality(session, writer, home.lake, {
      nowMs,
      watermarkMs,
      dedupWindowMs: 3_600_000,
      store: lakeStore(home.config),
    });

  it("nothing to count before bronze exists", async () => {
    assert.deepEqual(await sync(minute(10)), { minutes: 0, doneUpToMs: null, progress: null });
  });

  it("counts records, quarantine by reason, duplicates and late events per ingest minute", async () => {
    const at = (m: number, s: number) => minute(m) + s * 1000;
    await appendLake(session, home, topic, [
      // 11:58: five valid, invalid JSON, a missing field
      ...[0, 1, 2, 3, 4].map((i) => view(`q-${i}`, at(0, 5 + i))),
      record("nope", at(0, 20)),
      record("{}", at(0, 21)),
      // 11:59: four valid, copies of q-0 and q-5, a late event, a price of the wrong type
      ...[5, 6, 7, 8].map((i) => view(`q-${i}`, at(1, i))),
      view("q-0", at(1, 30)),
      view("q-5", at(1, 31)),
      view("q-9", at(1, 40), 10 * 60_000),
      productView({ event_id: "q-bad", price: "59.90" }, at(1, 45)),
      // 12:00 (the next hour's partition): three valid, one from the future
      ...[10, 11, 12].map((i) => view(`q-${i}`, at(2, i))),
      view("q-future", at(2, 50), -10 * 60_000),
    ]);
    await strayBronzeFile(session, home, topic, view("q-stray", at(2, 55)));

    const result = await sync(minute(30));
    assert.equal(result.minutes, 3);
    assert.equal(result.doneUpToMs, minute(3));
    const got = await rows();
    assert.deepEqual(
      got.map((r) => ({
        minute: r.minute.getTime(),
        records: Number(r.records),
        valid: Number(r.valid),
        quarantined: Number(r.quarantined),
        byReason: r.quarantined_by_reason,
        duplicates: Number(r.duplicates),
        late: Number(r.late),
      })),
      [
        {
          minute: minute(0),
          records: 7,
          valid: 5,
          quarantined: 2,
          byReason: { invalid_json: 1, missing_field: 1 },
          duplicates: 0,
          late: 0,
        },
        {
          minute: minute(1),
          records: 8,
          valid: 7,
          quarantined: 1,
          byReason: { invalid_type: 1 },
          duplicates: 2,
          late: 1,
        },
        {
          minute: minute(2),
          records: 4,
          valid: 3,
          quarantined: 1,
          byReason: { future_timestamp: 1 },
          duplicates: 0,
          late: 0,
        },
      ],
      "the uncommitted bronze file is not counted",
    );
  });

  it("a later batch adds its minute; earlier rows are left alone; a rerun changes nothing", async () => {
    const before = await rows();
    await appendLake(session, home, topic, [
      view("q-20", minute(3) + 1000),
      view("q-21", minute(3) + 2000),
      view("q-1", minute(3) + 3000), // a copy of an event of an earlier batch
      record("[]", minute(3) + 4000),
    ]);
    const result = await sync(minute(40));
    assert.equal(result.minutes, 1);
    const after = await rows();
    assert.deepEqual(after.slice(0, 3), before, "earlier minutes keep their rows and updated_at");
    const added = after[3]!;
    assert.equal(added.minute.getTime(), minute(3));
    assert.deepEqual(
      [Number(added.records), Number(added.valid), Number(added.duplicates), added.quarantined_by_reason],
      [4, 3, 1, { invalid_json: 1 }],
    );
    assert.equal((await sync(minute(41))).minutes, 0);
    assert.deepEqual(await rows(), after);
  });

  it("bronze records silver has not processed are its lag, and their minute waits for them", async () => {
    const before = await rows();
    await appendLake(
      session,
      home,
      topic,
      [view("q-30", minute(4) + 1000), view("q-31", minute(4) + 2000), record("{", minute(4) + 3000)],
      { bronzeOnly: true },
    );
    const waiting = await sync(minute(50));
    assert.equal(waiting.progress?.unprocessed, 3);
    assert.equal(waiting.progress?.bronzeMaxMs, minute(4) + 3000);
    assert.equal(waiting.progress?.processedMaxMs, minute(3) + 4000);
    assert.deepEqual(await rows(), before, "no row for a minute silver has not processed");

    // the newest record is a copy silver drops: nothing is left to process
    await appendLake(session, home, topic, [view("q-32", minute(4) + 4000), view("q-30", minute(4) + 5000)]);
    const done = await sync(minute(51));
    assert.equal(done.progress?.bronzeMaxMs, minute(4) + 5000);
    assert.equal(done.progress?.processedMaxMs, minute(4) + 4000);
    assert.equal(done.progress?.unprocessed, 0);
    const added = (await rows()).at(-1)!;
    assert.equal(added.minute.getTime(), minute(4));
    assert.deepEqual(
      [Number(added.records), Number(added.valid), Number(added.quarantined), Number(added.duplicates)],
      [5, 4, 1, 1],
    );
  });

  it("totals equal reconcile's lake counts", async () => {
    await registerLakeViews(session, home.config);
    const counts = await lakeCounts(session, topic, {}, false);
    const got = await rows();
    const total = (pick: (r: Row) => string) => got.reduce((sum, r) => sum + Number(pick(r)), 0);
    assert.equal(
      total((r) => r.records),
      counts.bronze,
    );
    assert.equal(
      total((r) => r.valid),
      counts.valid,
    );
    assert.equal(
      total((r) => r.duplicates),
      counts.valid - counts.silver,
    );
    const byReason = new Map<string, number>();
    for (const r of got)
      for (const [reason, n] of Object.entries(r.quarantined_by_reason))
        byReason.set(reason, (byReason.get(reason) ?? 0) + n);
    assert.deepEqual(
      Object.fromEntries([...byReason].sort()),
      Object.fromEntries([...counts.quarantineByReason].sort()),
    );
    assert.equal(
      total((r) => r.quarantined),
      [...byReason.values()].reduce((a, b) => a + b, 0),
    );
    assert.equal(counts.bronze, 28, "bronze holds the committed records only");
  });
});

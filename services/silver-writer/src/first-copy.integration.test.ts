import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sampleWith } from "@ecomstream/contracts";
import { lakeStore, readTable, settleFirstCopies } from "@ecomstream/lake";
import { checkpointOf, layerSpecs } from "@ecomstream/lake-model";
import { SparkSession } from "@ecomstream/spark-connect";
import { appendBronze, type TempHome, tempHome } from "@ecomstream/testkit";
import { silverQuery, silverQueryName } from "./silver-queries.js";

/** A record as bronze holds it: the payload and its Kafka coordinates. */
interface Copy {
  eventId: string;
  user: string;
  kafkaMs: number;
  partition: number;
  offset: number;
}

const T = Date.UTC(2026, 10, 20, 10, 15, 0);
const payload = (c: Copy) =>
  JSON.stringify(
    sampleWith("page_view", {
      event_id: c.eventId,
      user_id: c.user,
      event_ts: new Date(T - 5_000).toISOString(),
    }),
  );

/** One bronze commit of `copies`, rows in the order given (the order Spark meets them in), ingested now. */
const appendCopies = (session: SparkSession, home: TempHome, copies: readonly Copy[]) =>
  appendBronze(
    session,
    home.lake,
    "ecom.events.raw.v1",
    copies.map((c) => ({ value: payload(c), kafkaMs: c.kafkaMs, partition: c.partition, offset: c.offset })),
    { ingestedNow: true },
  );

/** The contract's first copy of each event: smallest Kafka timestamp, then partition, then offset. */
function firstCopies(copies: readonly Copy[]): Map<string, string> {
  const first = new Map<string, Copy>();
  for (const c of copies) {
    const f = first.get(c.eventId);
    const earlier =
      !f ||
      c.kafkaMs < f.kafkaMs ||
      (c.kafkaMs === f.kafkaMs &&
        (c.partition < f.partition || (c.partition === f.partition && c.offset < f.offset)));
    if (earlier) first.set(c.eventId, c);
  }
  return new Map([...first].map(([id, c]) => [id, `${c.user}@${c.partition}/${c.offset}`]));
}

describe("silver keeps the first copy of each event (against a real Spark)", { timeout: 600_000 }, () => {
  let session: SparkSession;
  let home: TempHome;
  before(async () => {
    home = tempHome("silver-first-copy-");
    session = await SparkSession.connect(home.config.spark.remote);
  });
  after(async () => {
    await session?.close();
    home?.remove();
  });

  async function runSilver() {
    const query = await silverQuery(home.config, home.lake).start(session);
    try {
      await query.processAllAvailable();
      const error = await query.exception();
      if (error) throw new Error(`silver query failed: ${error.message}`);
    } finally {
      await query.stop();
    }
  }

  async function silverCopies(): Promise<Map<string, string>> {
    const { frame } = await readTable(session, lakeStore(home.config), layerSpecs(home.lake).silver);
    assert.ok(frame, "silver has a commit");
    const rows = await frame.selectExpr("event_id", "user_id", "partition", "offset").collect();
    const out = new Map<string, string>();
    for (const r of rows) {
      assert.ok(!out.has(String(r.event_id)), `silver holds one copy of ${r.event_id}`);
      out.set(String(r.event_id), `${r.user_id}@${r.partition}/${r.offset}`);
    }
    return out;
  }

  it("within one micro-batch and across batches; a second pass changes nothing", async (t) => {
    const all: Copy[] = [];
    // batch 1: pairs 11 ms apart, the later copy met first in half of them; one copy of "x", "y", "z"
    const batch1: Copy[] = [];
    for (let i = 0; i < 8; i++) {
      const late = { eventId: `w${i}`, user: "late", kafkaMs: T + 11 + i, partition: i % 2, offset: 100 + i };
      const early = { eventId: `w${i}`, user: "early", kafkaMs: T + i, partition: 2, offset: 200 + i };
      batch1.push(...(i % 2 === 0 ? [late, early] : [early, late]));
    }
    batch1.push({ eventId: "x", user: "arrived-first", kafkaMs: T + 50, partition: 1, offset: 300 });
    batch1.push({ eventId: "y", user: "first", kafkaMs: T + 60, partition: 1, offset: 301 });
    batch1.push({ eventId: "z", user: "arrived-first", kafkaMs: T + 70, partition: 1, offset: 302 });
    // batch 2: an earlier-stamped copy of "x" (a producer's own timestamp) and a later copy of "y"
    const batch2: Copy[] = [
      { eventId: "x", user: "stamped-earlier", kafkaMs: T - 1_000, partition: 0, offset: 400 },
      { eventId: "y", user: "later", kafkaMs: T + 90, partition: 0, offset: 401 },
    ];
    const store = lakeStore(home.config);
    const tables = layerSpecs(home.lake);
    const options = {
      consumer: {
        name: silverQueryName,
        checkpoint: checkpointOf(home.config.checkpoints.uri, silverQueryName),
      },
      dedupWindowMs: 3_600_000,
    };

    for (const batch of [batch1, batch2]) {
      await appendCopies(session, home, batch);
      all.push(...batch);
      await runSilver();
    }
    const streamed = await silverCopies();
    assert.equal(streamed.get("x"), "arrived-first@1/300", "the stream keeps the copy it met first");
    assert.equal(streamed.size, firstCopies(all).size, "one row per event before settling");

    const first = await settleFirstCopies(
      session,
      store,
      tables,
      { bronzeVersion: -1, silverVersion: -1 },
      options,
    );
    assert.equal(first.dropped, all.length - firstCopies(all).size, "every dropped copy is seen");
    assert.ok(first.replaced >= 1, `at least "x" is replaced (replaced ${first.replaced})`);
    assert.deepEqual(await silverCopies(), firstCopies(all), "silver holds the first copy of every event");
    t.diagnostic(`first pass: ${first.dropped} dropped copies seen, ${first.replaced} silver rows replaced`);

    const again = await settleFirstCopies(session, store, tables, first.cursor, options);
    assert.equal(again.cursor.bronzeVersion, first.cursor.bronzeVersion, "no new bronze commit");
    assert.equal(again.replaced, 0, "nothing new: nothing replaced");

    // batch 3, after the cursor: an earlier-stamped copy of "z" is met after silver kept another
    const batch3: Copy[] = [
      { eventId: "z", user: "stamped-earlier", kafkaMs: T - 2_000, partition: 2, offset: 500 },
    ];
    await appendCopies(session, home, batch3);
    all.push(...batch3);
    await runSilver();
    const third = await settleFirstCopies(session, store, tables, again.cursor, options);
    assert.equal(third.dropped, 1);
    assert.equal(third.replaced, 1);
    assert.ok(third.cursor.bronzeVersion > first.cursor.bronzeVersion);
    const settled = await silverCopies();
    assert.deepEqual(settled, firstCopies(all), "silver holds the first copy of every event");
    assert.equal(settled.get("z"), "stamped-earlier@2/500");
  });
});

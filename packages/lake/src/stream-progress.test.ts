import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type TempHome, tempHome } from "@ecomstream/testkit";
import { type LakeStore, lakeStore } from "./store.js";
import { type StreamConsumer, StreamProgressError, streamProgress } from "./stream-progress.js";

const queryId = "5d1c0e9e-0000-4000-8000-000000000001";
const commit = (version: number) => `${String(version).padStart(20, "0")}.json`;
const lines = (...actions: object[]) => `${actions.map((a) => JSON.stringify(a)).join("\n")}\n`;
const add = (path: string) => ({ add: { path, partitionValues: {}, dataChange: true, size: 1 } });
const offset = (reservoirVersion: number, index: number, isStartingVersion = false) =>
  `v1\n{"batchWatermarkMs":0,"batchTimestampMs":0}\n${JSON.stringify({
    sourceVersion: 1,
    reservoirId: "r",
    reservoirVersion,
    index,
    isStartingVersion,
  })}`;

describe("streamProgress: what a Delta stream has put into its sink (log and checkpoint files)", () => {
  let home: TempHome;
  let store: LakeStore;
  let source: string;
  let sink: string;
  let consumer: StreamConsumer;

  before(async () => {
    home = tempHome("ecom-stream-progress-");
    store = lakeStore(home.config);
    source = `${home.config.lake.uri}/bronze`;
    sink = `${home.config.lake.uri}/silver`;
    consumer = { name: "ecom_silver", checkpoint: `${home.config.checkpoints.uri}/ecom_silver` };
    // bronze: v5 adds three files
    await store.writeText(
      `${source}/_delta_log/${commit(5)}`,
      lines({ commitInfo: {} }, add("a"), add("b"), add("c")),
    );
    // silver: created, batch 0 and batch 1 of the query, another app's batch, then a replay's write
    await store.writeText(
      `${sink}/_delta_log/${commit(0)}`,
      lines({ commitInfo: { operation: "CREATE TABLE" } }),
    );
    await store.writeText(
      `${sink}/_delta_log/${commit(1)}`,
      lines({ txn: { appId: queryId, version: 0 } }, add("x")),
    );
    await store.writeText(
      `${sink}/_delta_log/${commit(2)}`,
      lines({ txn: { appId: queryId, version: 1 } }, add("y")),
    );
    await store.writeText(`${sink}/_delta_log/${commit(3)}`, lines({ txn: { appId: "other", version: 9 } }));
    await store.writeText(`${sink}/_delta_log/${commit(4)}`, lines({ commitInfo: { operation: "WRITE" } }));
  });
  after(() => home.remove());

  it("refuses, not to be retried, while the query has no checkpoint", async () => {
    await assert.rejects(
      streamProgress(store, consumer, source, sink),
      (e: unknown) =>
        e instanceof StreamProgressError && !e.retry && /has not read bronze yet/.test(e.message),
    );
  });

  it("takes the batch the sink's log records, not a newer batch the checkpoint has only planned", async () => {
    await store.writeText(`${consumer.checkpoint}/metadata`, JSON.stringify({ id: queryId }));
    await store.writeText(`${consumer.checkpoint}/offsets/0`, offset(3, -1));
    await store.writeText(`${consumer.checkpoint}/offsets/1`, offset(5, -1));
    await store.writeText(`${consumer.checkpoint}/offsets/2`, offset(9, -1));
    assert.deepEqual(await streamProgress(store, consumer, source, sink), {
      sinkVersion: 4,
      batch: 1,
      sourceVersion: 4,
    });
  });

  it("counts a source commit read to its last file as read, and one read midway as to be retried", async () => {
    await store.writeText(`${consumer.checkpoint}/offsets/1`, offset(5, 2));
    assert.equal((await streamProgress(store, consumer, source, sink)).sourceVersion, 5);
    await store.writeText(`${consumer.checkpoint}/offsets/1`, offset(5, 0));
    await assert.rejects(
      streamProgress(store, consumer, source, sink),
      (e: unknown) =>
        e instanceof StreamProgressError && e.retry && /midway through bronze commit 5/.test(e.message),
    );
    await store.writeText(`${consumer.checkpoint}/offsets/1`, offset(5, 2, true));
    await assert.rejects(
      streamProgress(store, consumer, source, sink),
      (e: unknown) => e instanceof StreamProgressError && e.retry,
    );
  });
});

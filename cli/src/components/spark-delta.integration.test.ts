import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { loadConfig } from "@ecomstream/runtime";
import { SparkSession } from "@ecomstream/spark-connect";

/**
 * The Spark server `./ecom up` starts reads and writes Delta Lake tables over Spark Connect: the
 * commits land in `_delta_log`, time travel and history answer, with no session setting of ours.
 */
describe("the Spark server speaks Delta Lake", { timeout: 180_000 }, () => {
  let spark: SparkSession;
  let dir: string;
  before(async () => {
    spark = await SparkSession.connect(`${loadConfig().spark.remote.replace(/\/$/, "")}/;user_id=delta-test`);
    dir = mkdtempSync(join(tmpdir(), "ecom-delta-"));
  });
  after(async () => {
    await spark?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("commits a table, appends to it, and reads every version back", async () => {
    const table = join(dir, "t");
    const at = `delta.\`${table}\``;
    await (await spark.sql("SELECT id, CAST(id % 2 AS INT) AS part FROM range(10)")).write
      .format("delta")
      .partitionBy("part")
      .mode("overwrite")
      .save(table);
    await (await spark.sql(`INSERT INTO ${at} SELECT id, 0 FROM range(100, 105)`)).collect();

    const log = readdirSync(join(table, "_delta_log")).filter((f) => f.endsWith(".json"));
    assert.deepEqual(log.sort(), ["00000000000000000000.json", "00000000000000000001.json"]);
    assert.ok(existsSync(join(table, "part=0")), "partition folders as the table's partition column says");
    const firstCommit = readFileSync(join(table, "_delta_log", "00000000000000000000.json"), "utf8");
    assert.match(firstCommit, /"partitionColumns":\["part"\]/);

    const count = async (sql: string) => Number((await (await spark.sql(sql)).collect())[0]?.n);
    assert.equal(await count(`SELECT count(*) AS n FROM ${at}`), 15);
    assert.equal(await count(`SELECT count(*) AS n FROM ${at} VERSION AS OF 0`), 10);
    assert.equal(await count(`SELECT count(*) AS n FROM ${at} WHERE part = 0`), 10);
    const history = await (await spark.sql(`DESCRIBE HISTORY ${at}`)).collect();
    assert.deepEqual(history.map((h) => [Number(h.version), h.operation]).sort(), [
      [0, "WRITE"],
      [1, "WRITE"],
    ]);
  });
});

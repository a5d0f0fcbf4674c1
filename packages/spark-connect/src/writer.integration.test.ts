import assert from "node:assert/strict";
import { cpSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { SparkError, SparkVersionMismatchError } from "./errors.js";
import { defaultProtoDir } from "./proto-fetch.js";
import type { SparkSession } from "./session.js";
import { connectForTest, tempDir } from "./spark-connect.fixture.js";

let spark: SparkSession;
before(async () => {
  spark = await connectForTest();
});
after(async () => {
  await spark.close();
});

test("batch parquet write honours mode and partitionBy, and reads back with a schema", async () => {
  const dir = tempDir("write");
  try {
    const path = join(dir.path, "orders");
    const df = spark
      .range(0, 30)
      .selectExpr("id", "CAST(id % 3 AS INT) AS part", "CAST(id * 1.5 AS DOUBLE) AS amount");
    await df.write.format("parquet").mode("overwrite").partitionBy("part").save(path);
    assert.deepEqual(
      readdirSync(path)
        .filter((f) => f.startsWith("part="))
        .sort(),
      ["part=0", "part=1", "part=2"],
    );
    await assert.rejects(df.write.format("parquet").save(path), (error: unknown) => {
      assert.ok(error instanceof SparkError);
      assert.match(error.errorClass ?? "", /PATH_ALREADY_EXISTS/);
      return true;
    });
    await df.write.format("parquet").mode("append").partitionBy("part").save(path);
    const back = spark.read.format("parquet").schema("id BIGINT, amount DOUBLE, part INT").load(path);
    assert.equal(await back.count(), 60);
    const [row] = await back.filter("id = 4").limit(1).collect();
    assert.deepEqual(row, { id: 4, amount: 6, part: 1 });
  } finally {
    dir.remove();
  }
});

test("jdbc writes pass url and table to Spark's JDBC source", async () => {
  // No JDBC driver for this made-up URL is on the server, so Spark itself must report it.
  const write = spark
    .range(1)
    .write.format("jdbc")
    .options({ url: "jdbc:nosuchdb://localhost/x", dbtable: "t" })
    .mode("append")
    .save();
  await assert.rejects(
    write,
    (error: unknown) => error instanceof SparkError && /driver/i.test(error.message),
  );
});

test("a protocol version other than the server's is refused in one line", async () => {
  const dir = tempDir("version");
  try {
    cpSync(defaultProtoDir, dir.path, { recursive: true });
    writeFileSync(join(dir.path, "VERSION"), "3.5.0\n");
    await assert.rejects(connectForTest({ protoDir: dir.path }), (error: unknown) => {
      assert.ok(error instanceof SparkVersionMismatchError);
      assert.equal(error.clientVersion, "3.5.0");
      assert.equal(error.serverVersion, spark.rpc.protoVersion);
      assert.ok(!error.message.includes("\n"));
      return true;
    });
    const tolerant = await connectForTest({ protoDir: dir.path, allowVersionMismatch: true });
    assert.equal(await tolerant.version(), spark.rpc.protoVersion);
    await tolerant.close();
  } finally {
    dir.remove();
  }
});

test("keepalive pings the session while idle", async () => {
  const errors: unknown[] = [];
  const kept = await connectForTest({ keepAliveMs: 100, onKeepAliveError: (e) => errors.push(e) });
  let calls = 0;
  const original = kept.conf.getOption.bind(kept.conf);
  kept.conf.getOption = async (key: string) => {
    calls++;
    return original(key);
  };
  await new Promise((resolve) => setTimeout(resolve, 550));
  await kept.close();
  const afterClose = calls;
  await new Promise((resolve) => setTimeout(resolve, 250));
  assert.ok(afterClose >= 3, `expected at least 3 pings, saw ${afterClose}`);
  assert.equal(calls, afterClose, "no pings after close");
  assert.deepEqual(errors, []);
});

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { DataFrame } from "./dataframe.js";
import { SparkConnectionError, SparkError } from "./errors.js";
import type { SparkSession } from "./session.js";
import { SparkSession as Session } from "./session.js";
import { connectForTest } from "./spark-connect.fixture.js";

let spark: SparkSession;
before(async () => {
  spark = await connectForTest();
});
after(async () => {
  await spark.close();
});

test("SQL round trip decodes every common type exactly", async () => {
  const df = await spark.sql(`SELECT
      CAST(-2147483648 AS INT) AS i,
      9007199254740993L AS big,
      CAST(-42 AS BIGINT) AS small_big,
      CAST(0.1 AS DOUBLE) + CAST(0.2 AS DOUBLE) AS d,
      CAST('12345678901234567890.123' AS DECIMAL(38,3)) AS dec,
      CAST(-0.05 AS DECIMAL(10,2)) AS neg_dec,
      'héllo, wörld' AS s,
      false AS b,
      DATE'1969-12-31' AS dt,
      TIMESTAMP'2024-02-29 23:59:58.123' AS ts,
      CAST(NULL AS STRING) AS n,
      ARRAY(1, NULL, 3) AS arr,
      MAP('a', 1.5D, 'b', CAST(NULL AS DOUBLE)) AS m,
      NAMED_STRUCT('k', 'v', 'inner', NAMED_STRUCT('x', ARRAY('p')), 'when', DATE'2000-01-01') AS st`);
  await spark.conf.set("spark.sql.session.timeZone", "UTC");
  const rows = await df.collect({ int64: "bigint" });
  assert.equal(rows.length, 1);
  assert.deepEqual(rows[0], {
    i: -2147483648,
    big: 9007199254740993n,
    small_big: -42n,
    d: 0.1 + 0.2,
    dec: "12345678901234567890.123",
    neg_dec: "-0.05",
    s: "héllo, wörld",
    b: false,
    dt: "1969-12-31",
    ts: new Date("2024-02-29T23:59:58.123Z"),
    n: null,
    arr: [1, null, 3],
    m: { a: 1.5, b: null },
    st: { k: "v", inner: { x: ["p"] }, when: "2000-01-01" },
  });
  const [numberRow] = await df.selectExpr("small_big").collect();
  assert.equal(numberRow?.small_big, -42);
  await assert.rejects(df.selectExpr("big").collect(), /does not fit a JavaScript number/);
});

test("DataFrame transformations, schema, count and temp views", async () => {
  const df = spark
    .range(0, 100)
    .filter("id % 2 = 0")
    .withColumn("bucket", "id % 10")
    .selectExpr("id", "bucket", "CAST(id AS STRING) AS label");
  assert.equal(await df.count(), 50);
  const schema = await df.schema();
  assert.deepEqual(
    schema.fields.map((f) => [f.name, f.type]),
    [
      ["id", "bigint"],
      ["bucket", "bigint"],
      ["label", "string"],
    ],
  );
  assert.equal(await df.isStreaming(), false);
  await df.union(df).createOrReplaceTempView("spark_connect_test_view");
  const grouped = await (
    await spark.sql(
      "SELECT bucket, count(*) AS c FROM spark_connect_test_view GROUP BY bucket ORDER BY bucket",
    )
  ).collect();
  assert.deepEqual(grouped[0], { bucket: 0, c: 20 });
  assert.equal(await df.union(df).dropDuplicates(["bucket"]).count(), 5);
});

test("coalesce merges partitions without a shuffle", async () => {
  const partitions = (df: DataFrame) =>
    df.selectExpr("spark_partition_id() AS p").dropDuplicates(["p"]).count();
  const wide = spark.range(0, 100, 1, 6);
  assert.equal(await partitions(wide), 6);
  assert.equal(await partitions(wide.coalesce(2)), 2);
  assert.equal(await wide.coalesce(1).count(), 100);
  assert.throws(() => wide.coalesce(0), RangeError);
});

test("conf set/get round trips and version matches the protos", async () => {
  await spark.conf.set("spark.sql.shuffle.partitions", 7);
  assert.equal(await spark.conf.get("spark.sql.shuffle.partitions"), "7");
  assert.equal(await spark.conf.get("spark.example.unset.key", "fallback"), "fallback");
  assert.equal(await spark.version(), spark.rpc.protoVersion);
});

test("a bad column fails with a SparkError naming UNRESOLVED_COLUMN", async () => {
  const df = await spark.sql("SELECT 1 AS a");
  await assert.rejects(df.selectExpr("no_such_column").collect(), (error: unknown) => {
    assert.ok(error instanceof SparkError, `expected SparkError, got ${String(error)}`);
    assert.match(error.errorClass ?? "", /^UNRESOLVED_COLUMN/);
    assert.equal(error.sqlState, "42703");
    assert.equal(error.messageParameters.objectName, "`no_such_column`");
    assert.equal(error.code, "SPARK_CONNECT_ERR_SERVER");
    assert.ok(error.cause, "keeps the gRPC error as cause");
    return true;
  });
  await assert.rejects(spark.sql("SELEC 1"), (error: unknown) => {
    assert.ok(error instanceof SparkError);
    assert.match(error.errorClass ?? "", /PARSE_SYNTAX_ERROR/);
    return true;
  });
});

test("a closed port fails fast with SparkConnectionError naming the URL", async () => {
  const url = "sc://127.0.0.1:1/;user_id=test";
  const started = Date.now();
  await assert.rejects(Session.connect(url), (error: unknown) => {
    assert.ok(error instanceof SparkConnectionError, `expected SparkConnectionError, got ${String(error)}`);
    assert.ok(error.message.includes(url), error.message);
    assert.equal(error.code, "SPARK_CONNECT_ERR_CONNECTION");
    assert.match(error.fix ?? "", /running/);
    return true;
  });
  assert.ok(Date.now() - started < 5_000, "fails within 5 s");
});

test("a session can be reattached by id and close() releases it", async () => {
  const first = await connectForTest();
  await (await first.sql("SELECT 1")).createOrReplaceTempView("spark_connect_reattach_view");
  first.detach();
  const again = await connectForTest({ sessionId: first.sessionId });
  assert.equal(again.sessionId, first.sessionId);
  assert.equal(again.serverSideSessionId, first.serverSideSessionId);
  assert.equal(await again.table("spark_connect_reattach_view").count(), 1);
  const other = await connectForTest();
  await assert.rejects(other.table("spark_connect_reattach_view").count(), SparkError);
  await other.close();
  await again.close();
});

test("an error too large for the status trailer is completed with FetchErrorDetails", async () => {
  const name = `c${"x".repeat(5000)}`;
  await assert.rejects(spark.sql(`SELECT ${name} FROM range(1)`), (error: unknown) => {
    assert.ok(error instanceof SparkError);
    assert.match(error.errorClass ?? "", /^UNRESOLVED_COLUMN/);
    assert.equal(error.sqlState, "42703");
    assert.equal(error.messageParameters.objectName, `\`${name}\``);
    return true;
  });
});

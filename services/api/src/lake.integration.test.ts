import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type TableHealth, writeLakeHealth } from "@ecomstream/lake";
import { createTestDb, type TestDb, testApp } from "./api.fixture.js";

const hourMs = 3_600_000;
const now = new Date("2026-03-05T12:20:00Z");
const hour = (h: number) => Date.parse("2026-03-05T00:00:00Z") + h * hourMs;

/**
 * A lake as lake-ops measures it: bronze compacted up to two hours ago (one or two files per closed
 * hour) with the open hours still full of small sink files; silver likewise uncompacted; quarantine
 * a few files; gold one file per hour; all since yesterday.
 */
function lake(): TableHealth[] {
  const partitions = (
    hours: number[],
    files: (h: number) => number,
    bytesPerFile: number,
    compacted: (h: number) => boolean,
  ) =>
    hours.map((h) => ({
      hourMs: hour(h),
      files: files(h),
      bytes: files(h) * bytesPerFile + h,
      compacted: compacted(h),
    }));
  const hours = Array.from({ length: 36 }, (_, i) => i - 24); // yesterday 00:00 .. today 11:00
  const table = (layer: string, parts: TableHealth["partitions"], last: TableHealth["lastCompaction"]) => ({
    layer,
    files: parts.reduce((n, p) => n + p.files, 0),
    bytes: parts.reduce((n, p) => n + p.bytes, 0),
    partitions: parts,
    lastCompaction: last,
  });
  return [
    table(
      "bronze",
      partitions(
        hours,
        (h) => (h < 10 ? 1 + (h % 2 ? 1 : 0) : 240),
        900_000,
        (h) => h < 10,
      ),
      {
        at: "2026-03-05T12:05:00.000Z",
        filesBefore: 2400,
        filesAfter: 12,
        bytesBefore: 1_234_567_890,
        bytesAfter: 1_100_000_000,
      },
    ),
    table(
      "silver",
      partitions(
        hours,
        () => 180,
        40_000,
        () => false,
      ),
      null,
    ),
    table(
      "quarantine",
      partitions(
        [-3, 2, 11],
        () => 3,
        2_000,
        () => false,
      ),
      null,
    ),
    table(
      "gold",
      partitions(
        hours,
        () => 1,
        12_000,
        () => false,
      ),
      null,
    ),
  ];
}

type LakeBody = {
  checked_at: string;
  totals: { files: number; bytes: number; partitions: number };
  layers: Array<{
    layer: string;
    files: number;
    bytes: number;
    partitions: number;
    oldest_partition: string | null;
    oldest_partition_age_seconds: number | null;
    newest_partition: string | null;
    newest_partition_age_seconds: number | null;
    last_compaction: {
      at: string;
      age_seconds: number;
      files_before: number | null;
      files_after: number | null;
      bytes_before: number | null;
      bytes_after: number | null;
    } | null;
    updated_at: string | null;
  }>;
};
type PartitionsBody = {
  layer: string;
  from: string;
  to: string;
  updated_at: string | null;
  partitions: Array<{ hour: string; files: number; bytes: number; compacted: boolean; age_seconds: number }>;
};

describe("GET /v1/lake and /v1/lake/partitions", () => {
  let db: TestDb;
  let app: Awaited<ReturnType<typeof testApp>>;
  const get = async <T>(url: string, status = 200): Promise<T> => {
    const res = await app.inject(url);
    assert.equal(res.statusCode, status, `${url}: ${res.body}`);
    return res.json() as T;
  };
  before(async () => {
    db = await createTestDb();
    app = await testApp(db, { now: () => now });
  });
  after(async () => {
    await app?.close();
    await db?.drop();
  });

  it("an unmeasured lake: every layer with zeros and no dates, empty partition lists", async () => {
    const body = await get<LakeBody>("/v1/lake");
    assert.equal(body.checked_at, now.toISOString());
    assert.deepEqual(
      body.layers.map((l) => l.layer),
      ["bronze", "silver", "quarantine", "gold"],
    );
    for (const layer of body.layers) {
      assert.deepEqual(
        [layer.files, layer.bytes, layer.partitions, layer.oldest_partition, layer.last_compaction],
        [0, 0, 0, null, null],
        layer.layer,
      );
      assert.equal(layer.updated_at, null);
    }
    assert.deepEqual(body.totals, { files: 0, bytes: 0, partitions: 0 });
    const partitions = await get<PartitionsBody>("/v1/lake/partitions?layer=bronze");
    assert.deepEqual(partitions.partitions, []);
    assert.equal(partitions.updated_at, null);
  });

  it("an empty layer as lake-ops writes it: zeros, no partitions, measured", async () => {
    await writeLakeHealth(db.admin, [
      { layer: "silver", files: 0, bytes: 0, partitions: [], lastCompaction: null },
    ]);
    const silver = (await get<LakeBody>("/v1/lake")).layers.find((l) => l.layer === "silver");
    assert.equal(silver?.files, 0);
    assert.equal(silver?.oldest_partition, null);
    assert.equal(silver?.oldest_partition_age_seconds, null);
    assert.ok(silver?.updated_at, "measured");
    assert.deepEqual((await get<PartitionsBody>("/v1/lake/partitions?layer=silver")).partitions, []);
  });

  it("per layer: the files, bytes, partitions, ages and last compaction lake-ops wrote", async () => {
    const tables = lake();
    await writeLakeHealth(db.admin, tables);
    const body = await get<LakeBody>("/v1/lake");
    for (const t of tables) {
      const shown = body.layers.find((l) => l.layer === t.layer);
      assert.ok(shown, t.layer);
      const hours = t.partitions.map((p) => p.hourMs);
      const oldest = Math.min(...hours);
      const newest = Math.max(...hours);
      assert.equal(shown.files, t.files, `${t.layer} files`);
      assert.equal(shown.bytes, t.bytes, `${t.layer} bytes`);
      assert.equal(shown.partitions, t.partitions.length, `${t.layer} partitions`);
      assert.equal(shown.oldest_partition, new Date(oldest).toISOString());
      assert.equal(shown.newest_partition, new Date(newest).toISOString());
      assert.equal(shown.oldest_partition_age_seconds, (now.getTime() - oldest) / 1000);
      assert.equal(shown.newest_partition_age_seconds, (now.getTime() - newest) / 1000);
      if (t.lastCompaction) {
        assert.deepEqual(shown.last_compaction, {
          at: t.lastCompaction.at,
          age_seconds: (now.getTime() - Date.parse(t.lastCompaction.at)) / 1000,
          files_before: t.lastCompaction.filesBefore,
          files_after: t.lastCompaction.filesAfter,
          bytes_before: t.lastCompaction.bytesBefore,
          bytes_after: t.lastCompaction.bytesAfter,
        });
      } else {
        assert.equal(shown.last_compaction, null, `${t.layer} never compacted`);
      }
    }
    const sum = (pick: (t: TableHealth) => number) => tables.reduce((n, t) => n + pick(t), 0);
    assert.deepEqual(body.totals, {
      files: sum((t) => t.files),
      bytes: sum((t) => t.bytes),
      partitions: sum((t) => t.partitions.length),
    });
  });

  it("partitions: the layer's hours in [from, to) whole hours, oldest first, with their age", async () => {
    const bronze = lake().find((t) => t.layer === "bronze");
    assert.ok(bronze);
    // 05:30 floors to 05:00, 09:10 ceils to 10:00: hours 5..9
    const body = await get<PartitionsBody>(
      "/v1/lake/partitions?layer=bronze&from=2026-03-05T05:30:00Z&to=2026-03-05T09:10:00Z",
    );
    assert.equal(body.from, new Date(hour(5)).toISOString());
    assert.equal(body.to, new Date(hour(10)).toISOString());
    assert.ok(body.updated_at);
    const expected = bronze.partitions
      .filter((p) => p.hourMs >= hour(5) && p.hourMs < hour(10))
      .map((p) => ({
        hour: new Date(p.hourMs).toISOString(),
        files: p.files,
        bytes: p.bytes,
        compacted: p.compacted,
        age_seconds: (now.getTime() - p.hourMs) / 1000,
      }));
    assert.equal(expected.length, 5);
    assert.deepEqual(body.partitions, expected);
  });

  it("partitions: default range is the 24 hours before now", async () => {
    const body = await get<PartitionsBody>("/v1/lake/partitions?layer=gold");
    assert.equal(body.to, "2026-03-05T13:00:00.000Z");
    // 12:20 minus 24 hours, floored
    assert.equal(body.from, "2026-03-04T12:00:00.000Z");
    const gold = lake().find((t) => t.layer === "gold");
    const expected = gold?.partitions.filter((p) => p.hourMs >= Date.parse(body.from)) ?? [];
    assert.equal(body.partitions.length, expected.length);
    assert.deepEqual(
      body.partitions.map((p) => p.files),
      expected.map((p) => p.files),
    );
  });

  it("a new measurement replaces the old one: compacted hours, fewer files, no stale partitions", async () => {
    const tables = lake();
    const bronze = tables.find((t) => t.layer === "bronze");
    assert.ok(bronze);
    const kept = bronze.partitions.filter((p) => p.hourMs >= hour(0)).map((p) => ({ ...p, compacted: true }));
    await writeLakeHealth(db.admin, [
      {
        layer: "bronze",
        files: kept.reduce((n, p) => n + p.files, 0),
        bytes: kept.reduce((n, p) => n + p.bytes, 0),
        partitions: kept,
        lastCompaction: {
          at: "2026-03-05T12:19:00.000Z",
          filesBefore: 9,
          filesAfter: 3,
          bytesBefore: 90,
          bytesAfter: 80,
        },
      },
    ]);
    const shown = (await get<LakeBody>("/v1/lake")).layers.find((l) => l.layer === "bronze");
    assert.equal(shown?.partitions, kept.length);
    assert.equal(shown?.oldest_partition, new Date(hour(0)).toISOString());
    assert.equal(shown?.last_compaction?.files_after, 3);
    assert.equal(shown?.last_compaction?.age_seconds, 60);
    const listed = await get<PartitionsBody>(
      "/v1/lake/partitions?layer=bronze&from=2026-03-04T00:00:00Z&to=2026-03-06T00:00:00Z",
    );
    assert.equal(listed.partitions.length, kept.length);
    assert.ok(listed.partitions.every((p) => p.compacted));
  });

  it("a compaction record lacking members shows them as null, not as an error", async () => {
    await db.admin.query(
      `update serving.lake_table set last_compaction = '{"at": "x", "filesBefore": -1, "filesAfter": 2}'
        where layer = 'bronze'`,
    );
    const shown = (await get<LakeBody>("/v1/lake")).layers.find((l) => l.layer === "bronze");
    assert.equal(shown?.last_compaction?.at, "2026-03-05T12:19:00.000Z");
    assert.equal(shown?.last_compaction?.files_before, null);
    assert.equal(shown?.last_compaction?.files_after, 2);
    assert.equal(shown?.last_compaction?.bytes_after, null);
  });

  it("400 problem+json for an unknown or missing layer, an inverted or too-wide range, a bad instant", async () => {
    for (const [query, code, detail] of [
      ["layer=platinum", "API_ERR_VALIDATION", /layer must be equal to one of the allowed values: bronze/],
      ["", "API_ERR_VALIDATION", /must have required property 'layer'/],
      ["layer=gold&from=2026-03-05T10:00:00Z&to=2026-03-05T09:00:00Z", "API_ERR_RANGE", /must be before/],
      ["layer=gold&from=2026-01-01T00:00:00Z&to=2026-03-05T00:00:00Z", "API_ERR_RANGE", /wider than 31 days/],
      ["layer=gold&to=1969-06-01T00:00:00Z", "API_ERR_RANGE", /between 1970 and 9999/],
      ["layer=gold&from=yesterday", "API_ERR_VALIDATION", /must match format "date-time"/],
    ] as const) {
      const res = await app.inject(`/v1/lake/partitions?${query}`);
      assert.equal(res.statusCode, 400, `${query}: ${res.body}`);
      assert.match(String(res.headers["content-type"]), /^application\/problem\+json/);
      const problem = res.json() as { code: string; detail: string };
      assert.equal(problem.code, code, query);
      assert.match(problem.detail, detail, query);
    }
  });
});

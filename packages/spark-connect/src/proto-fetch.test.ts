import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { SparkConnectError } from "./errors.js";
import { ensureProtos, installedProtoVersion, pinnedSparkVersion } from "./proto-fetch.js";
import { loadProtos } from "./protos.js";
import { tempDir } from "./spark-connect.fixture.js";

test("reads the pinned Spark version from the pom", () => {
  const dir = tempDir("pom");
  try {
    const pom = join(dir.path, "pom.xml");
    writeFileSync(pom, "<project><properties><spark.version> 4.9.1 </spark.version></properties></project>");
    assert.equal(pinnedSparkVersion(pom), "4.9.1");
    writeFileSync(pom, "<project></project>");
    assert.throws(() => pinnedSparkVersion(pom), SparkConnectError);
  } finally {
    dir.remove();
  }
  assert.match(pinnedSparkVersion(), /^\d+\.\d+\.\d+/);
});

test("extracts spark/connect/*.proto from a jar in the lib folder, then is a no-op", () => {
  const dir = tempDir("jar");
  try {
    const content = join(dir.path, "content");
    mkdirSync(join(content, "spark", "connect"), { recursive: true });
    mkdirSync(join(content, "google", "rpc"), { recursive: true });
    writeFileSync(join(content, "spark", "connect", "base.proto"), 'syntax = "proto3";\n');
    writeFileSync(join(content, "spark", "connect", "types.proto"), 'syntax = "proto3";\n');
    writeFileSync(join(content, "google", "rpc", "status.proto"), 'syntax = "proto3";\n');
    const lib = join(dir.path, "lib");
    mkdirSync(lib);
    execFileSync("zip", ["-q", "-r", join(lib, "spark-connect_2.13-9.8.7.jar"), "spark", "google"], {
      cwd: content,
    });

    const protoDir = join(dir.path, "proto");
    const first = ensureProtos({
      libDirs: [join(dir.path, "missing"), lib],
      sparkVersion: "9.8.7",
      protoDir,
    });
    assert.equal(first.extracted, true);
    assert.equal(installedProtoVersion(protoDir), "9.8.7");
    assert.equal(
      readFileSync(join(protoDir, "spark", "connect", "types.proto"), "utf8"),
      'syntax = "proto3";\n',
    );
    assert.throws(
      () => readFileSync(join(protoDir, "google", "rpc", "status.proto")),
      "only spark/connect is extracted",
    );

    const second = ensureProtos({ libDirs: [], sparkVersion: "9.8.7", protoDir });
    assert.equal(second.extracted, false);
  } finally {
    dir.remove();
  }
});

test("a missing proto folder names the commands that fetch it", () => {
  const dir = tempDir("noproto");
  try {
    assert.throws(
      () => loadProtos(dir.path),
      (error: unknown) =>
        error instanceof SparkConnectError &&
        error.code === "SPARK_CONNECT_ERR_PROTOS" &&
        /\.\/ecom up/.test(error.fix ?? "") &&
        /fetch-protos/.test(error.fix ?? ""),
    );
  } finally {
    dir.remove();
  }
});

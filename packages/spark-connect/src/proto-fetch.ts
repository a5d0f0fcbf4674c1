import { execFileSync, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { errorCodes, SparkConnectError } from "./errors.js";

/** Folder holding this package (the parent of `src/`). */
export const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** Where the extracted `spark/connect/*.proto` files live (git-ignored). */
export const defaultProtoDir = join(packageDir, "proto");
const scalaBinary = "2.13";

export interface EnsureProtosOptions {
  /** Folders to search for `spark-connect_2.13-<version>.jar` before asking Maven. */
  libDirs?: string[];
  /** Spark version to pin; read from `infra/spark/pom.xml` when omitted. */
  sparkVersion?: string;
  /** Target folder; defaults to `packages/spark-connect/proto`. */
  protoDir?: string;
  /** Progress lines (the CLI passes its logger); silent by default. */
  log?: (line: string) => void;
}

export interface EnsureProtosResult {
  sparkVersion: string;
  protoDir: string;
  /** False when protos for the pinned version were already present. */
  extracted: boolean;
  jar?: string;
}

/** Reads `<spark.version>` from the pinned Maven pom of the embedded server. */
export function pinnedSparkVersion(
  pomPath = join(packageDir, "..", "..", "infra", "spark", "pom.xml"),
): string {
  const pom = readFileSync(pomPath, "utf8");
  const match = /<spark\.version>\s*([^<\s]+)\s*<\/spark\.version>/.exec(pom);
  if (!match?.[1])
    throw usage(`no <spark.version> in ${pomPath}`, "pin the Spark version in infra/spark/pom.xml");
  return match[1];
}

/** The Spark version the extracted protos belong to, or undefined when none are present. */
export function installedProtoVersion(protoDir = defaultProtoDir): string | undefined {
  const file = join(protoDir, "VERSION");
  if (!existsSync(file) || !existsSync(join(protoDir, "spark", "connect", "base.proto"))) return undefined;
  return readFileSync(file, "utf8").trim() || undefined;
}

/**
 * Makes sure `proto/` holds the Spark Connect protocol of the pinned Spark version, extracted from
 * Spark's published `spark-connect` jar. A no-op when the right version is already there.
 */
export function ensureProtos(options: EnsureProtosOptions = {}): EnsureProtosResult {
  const sparkVersion = options.sparkVersion ?? pinnedSparkVersion();
  const protoDir = options.protoDir ?? defaultProtoDir;
  const log = options.log ?? (() => {});
  if (installedProtoVersion(protoDir) === sparkVersion) return { sparkVersion, protoDir, extracted: false };

  const jarName = `spark-connect_${scalaBinary}-${sparkVersion}.jar`;
  let jar = (options.libDirs ?? []).map((dir) => join(dir, jarName)).find((path) => existsSync(path));
  let scratch: string | undefined;
  try {
    if (!jar) {
      scratch = mkdtempSync(join(tmpdir(), "spark-connect-jar-"));
      log(`fetching org.apache.spark:spark-connect_${scalaBinary}:${sparkVersion} with Maven`);
      jar = fetchWithMaven(sparkVersion, scratch, jarName);
    }
    log(`extracting spark/connect/*.proto from ${jar}`);
    rmSync(protoDir, { recursive: true, force: true });
    mkdirSync(protoDir, { recursive: true });
    extractProtos(jar, protoDir);
    const extracted = existsSync(join(protoDir, "spark", "connect"))
      ? readdirSync(join(protoDir, "spark", "connect")).filter((f) => f.endsWith(".proto"))
      : [];
    if (!extracted.includes("base.proto"))
      throw usage(
        `${jar} holds no spark/connect/base.proto`,
        "check that the jar is Spark's spark-connect jar",
      );
    writeFileSync(join(protoDir, "VERSION"), `${sparkVersion}\n`);
    log(`extracted ${extracted.length} proto files for Spark ${sparkVersion} into ${protoDir}`);
    return { sparkVersion, protoDir, extracted: true, jar };
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

function fetchWithMaven(version: string, outDir: string, jarName: string): string {
  if (!hasCommand("mvn"))
    throw usage(
      `spark-connect_${scalaBinary}-${version}.jar is not in the lib folder and Maven (mvn) is not installed`,
      "install Maven, or run `./ecom up` which resolves the Spark jars",
    );
  const artifact = `org.apache.spark:spark-connect_${scalaBinary}:${version}:jar`;
  const run = spawnSync(
    "mvn",
    [
      "-q",
      "dependency:copy",
      `-Dartifact=${artifact}`,
      `-DoutputDirectory=${outDir}`,
      "-Dmdep.useBaseVersion=true",
    ],
    { encoding: "utf8", cwd: outDir },
  );
  const jar = join(outDir, jarName);
  if (run.status !== 0 || !existsSync(jar))
    throw usage(
      `mvn dependency:copy of ${artifact} failed: ${(run.stderr || run.stdout || "").trim().split("\n").slice(-3).join(" ")}`,
      "check network access to Maven Central (or your mirror in ~/.m2/settings.xml)",
    );
  return jar;
}

function extractProtos(jar: string, protoDir: string): void {
  if (hasCommand("unzip")) {
    execFileSync("unzip", ["-o", "-q", jar, "spark/connect/*.proto", "-d", protoDir], { stdio: "pipe" });
  } else if (hasCommand("jar")) {
    // `jar xf` extracts into the working directory; entries named explicitly.
    const listing = execFileSync("jar", ["tf", jar], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const entries = listing.split("\n").filter((e) => /^spark\/connect\/[^/]+\.proto$/.test(e.trim()));
    if (entries.length > 0)
      execFileSync("jar", ["xf", jar, ...entries.map((e) => e.trim())], { cwd: protoDir });
  } else {
    throw usage(
      "neither `unzip` nor the JDK's `jar` is installed, so the Spark Connect protos cannot be extracted",
      "install unzip (apt-get install unzip) or a JDK 17+",
    );
  }
}

function hasCommand(name: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" }).status === 0;
}

function usage(message: string, fix: string): SparkConnectError {
  return new SparkConnectError(errorCodes.protos, message, { fix });
}

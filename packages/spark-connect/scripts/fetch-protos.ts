/**
 * Extracts the Spark Connect protocol (`spark/connect/*.proto`) of the pinned Spark version from
 * Spark's published jar into `packages/spark-connect/proto/`.
 *
 *   node --import tsx packages/spark-connect/scripts/fetch-protos.ts [--lib-dir DIR]... [--force]
 *
 * Lib folders searched first: each `--lib-dir`, `$ECOM_HOME/cache/spark/lib`, `.ecom/cache/spark/lib`.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { defaultProtoDir, ensureProtos, packageDir } from "../src/proto-fetch.js";

const args = process.argv.slice(2);
const libDirs: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--lib-dir" && args[i + 1]) libDirs.push(args[++i] as string);
}
if (process.env.ECOM_HOME) libDirs.push(join(process.env.ECOM_HOME, "cache", "spark", "lib"));
libDirs.push(join(packageDir, "..", "..", ".ecom", "cache", "spark", "lib"));
if (args.includes("--force")) rmSync(join(defaultProtoDir, "VERSION"), { force: true });

try {
  const result = ensureProtos({ libDirs, log: (line) => console.log(line) });
  if (!result.extracted)
    console.log(`protos for Spark ${result.sparkVersion} already present in ${result.protoDir}`);
} catch (error) {
  const fix = (error as { fix?: string }).fix;
  console.error(`fetch-protos: ${(error as Error).message}${fix ? `\n  fix: ${fix}` : ""}`);
  process.exit(1);
}

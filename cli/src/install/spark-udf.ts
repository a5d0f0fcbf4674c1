import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { EcomError, errorCodes, repoRoot } from "@ecomstream/runtime";
import { javaBinary } from "./java.js";
import { resolveJars } from "./maven.js";

/** Sources of the contract's JVM functions (`infra/spark/udf`), which Spark SQL calls by `reflect`. */
const sourceRoot = () => join(repoRoot(), "infra", "spark", "udf", "src");

function javaSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return javaSources(path);
    return entry.name.endsWith(".java") ? [path] : [];
  });
}

/** A JDK tool beside the java binary ecom runs (javac, jar). */
function jdkTool(name: string): string {
  const java = javaBinary();
  return java.endsWith("/java") ? `${java.slice(0, -"/java".length)}/${name}` : name;
}

function run(command: string, args: string[], what: string): void {
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.error || result.status !== 0) {
    const detail = (result.stderr || result.error?.message || `exit ${result.status}`).trim().split("\n")[0];
    throw new EcomError(errorCodes.dependency, `could not ${what}: ${detail}`, {
      fix: "install a full JDK >= 17 (javac and jar; Debian: apt-get install openjdk-17-jdk-headless) or set JAVA_HOME",
    });
  }
}

/**
 * Compiles the contract's JVM functions against jackson-core as Spark bundles it (resolved by
 * `infra/spark/udf/pom.xml` into `depsDir`) into one jar in `libDir`, once per source content (a
 * stamp holds the sources' hash). Returns the jar's path, which goes on the Spark server's classpath.
 */
export async function buildSparkUdfJar(depsDir: string, libDir: string): Promise<string> {
  await resolveJars(
    join(repoRoot(), "infra", "spark", "udf", "pom.xml"),
    depsDir,
    "Spark functions' jackson-core",
  );
  const jar = join(libDir, "ecomstream-spark-udf.jar");
  const sources = javaSources(sourceRoot()).sort();
  const hash = createHash("sha256");
  for (const file of sources) hash.update(relative(sourceRoot(), file)).update(readFileSync(file));
  const digest = hash.digest("hex").slice(0, 16);
  const stamp = join(libDir, ".built");
  if (existsSync(stamp) && readFileSync(stamp, "utf8").trim() === digest) return jar;
  rmSync(libDir, { recursive: true, force: true });
  const classes = join(libDir, "classes");
  mkdirSync(classes, { recursive: true });
  run(
    jdkTool("javac"),
    ["--release", "17", "-nowarn", "-cp", `${depsDir}/*`, "-d", classes, ...sources],
    "compile the Spark functions",
  );
  run(jdkTool("jar"), ["cf", jar, "-C", classes, "."], "package the Spark functions");
  rmSync(classes, { recursive: true, force: true });
  writeFileSync(stamp, `${digest}\n`);
  return jar;
}

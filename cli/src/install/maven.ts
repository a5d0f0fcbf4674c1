import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { EcomError, errorCodes } from "@ecomstream/runtime";
import { ui } from "../ui.js";

export function requireMaven(): void {
  const result = spawnSync("mvn", ["-v"], { encoding: "utf8" });
  if (result.error || result.status !== 0) {
    throw new EcomError(
      errorCodes.dependency,
      "Maven is missing (ecom resolves Kafka and Spark jars with it)",
      {
        fix: "install Maven (Debian: apt-get install maven) and re-run",
      },
    );
  }
}

/** Reads `<name>` from a pom's <properties>. */
export function pomProperty(pomFile: string, name: string): string {
  const match = new RegExp(`<${name}>([^<]+)</${name}>`).exec(readFileSync(pomFile, "utf8"));
  if (!match?.[1]) throw new Error(`${pomFile} has no <${name}> property`);
  return match[1];
}

/**
 * Copies every jar the pom depends on into `libDir`, once per pom content: a stamp with the pom's
 * hash marks a finished resolution, so an edited pom resolves again and a cached one costs nothing.
 */
export async function resolveJars(pomFile: string, libDir: string, label: string): Promise<void> {
  const hash = createHash("sha256").update(readFileSync(pomFile)).digest("hex").slice(0, 16);
  const stamp = join(libDir, ".resolved");
  if (existsSync(stamp) && readFileSync(stamp, "utf8").trim() === hash) return;
  requireMaven();
  ui.step(`resolving ${label} jars from Maven Central into ${libDir} (first run downloads them)…`);
  rmSync(libDir, { recursive: true, force: true });
  mkdirSync(libDir, { recursive: true });
  const args = ["-B", "-ntp", "-f", pomFile, "dependency:copy-dependencies", `-DoutputDirectory=${libDir}`];
  const output: string[] = [];
  const code = await new Promise<number>((resolve) => {
    const child = spawn("mvn", args, { stdio: ["ignore", "pipe", "pipe"] });
    const timer = setInterval(() => {
      const count = readdirSync(libDir).filter((f) => f.endsWith(".jar")).length;
      ui.step(`  … ${label}: ${count} jars so far`);
    }, 10_000);
    const keep = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.length > 200) output.shift();
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("close", (status) => {
      clearInterval(timer);
      resolve(status ?? 1);
    });
    child.on("error", () => resolve(127));
  });
  if (code !== 0) {
    const tail = output
      .join("")
      .split("\n")
      .filter((l) => l.includes("ERROR"))
      .slice(0, 3)
      .join(" | ");
    throw new EcomError(
      errorCodes.dependency,
      `Maven could not resolve the ${label} jars: ${tail || `exit ${code}`}`,
      {
        fix: "check that Maven Central is reachable (mvn -v; ~/.m2/settings.xml mirrors) and re-run",
      },
    );
  }
  writeFileSync(stamp, `${hash}\n`);
}

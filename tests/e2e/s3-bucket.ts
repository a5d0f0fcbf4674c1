import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { EcomConfig } from "@ecomstream/runtime";
import { type GoTool, goInstall } from "../../cli/src/install/go.js";

const run = promisify(execFile);

/** MinIO's own command-line client, the newest version the Go module proxy serves, built once. */
export const minioClient: GoTool = {
  module: "github.com/minio/mc",
  version: "v0.0.0-20250313080218-cf909e1063a9",
  minimumGo: [1, 23],
  label: "MinIO client (mc)",
};

/** Runs `mc` against the platform's S3 endpoint under the alias `ecom` (no config file is written). */
export async function mc(config: EcomConfig, args: string[]): Promise<string> {
  const binary = await goInstall(config.cache, minioClient);
  const endpoint = new URL(config.s3.endpoint);
  const host = `${endpoint.protocol}//${encodeURIComponent(config.s3.accessKey)}:${encodeURIComponent(
    config.s3.secretKey,
  )}@${endpoint.host}`;
  const { stdout } = await run(binary, ["--no-color", "--config-dir", join(config.home, "mc"), ...args], {
    env: { ...process.env, MC_HOST_ecom: host },
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

/** Every object key under `prefix` of `bucket`, as `mc ls --recursive --json` lists them. */
export async function listKeys(config: EcomConfig, bucket: string, prefix: string): Promise<string[]> {
  const out = await mc(config, ["ls", "--recursive", "--json", `ecom/${bucket}/${prefix}`]);
  return out
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as { status: string; key: string })
    .filter((entry) => entry.status === "success")
    .map((entry) => (prefix ? `${prefix.replace(/\/?$/, "/")}${entry.key}` : entry.key));
}

/** Copies a whole bucket to a new local folder with `mc mirror`; returns the folder. */
export async function mirrorBucket(config: EcomConfig, bucket: string): Promise<string> {
  const target = mkdtempSync(join(tmpdir(), `mirror-${bucket}-`));
  await mc(config, ["mirror", "--quiet", `ecom/${bucket}`, target]);
  return target;
}

/**
 * The data files a file sink committed, from its `_spark_metadata` log in a mirrored bucket: the
 * newest `N.compact` holds every entry up to batch N, later batch files add to it. Entries name
 * `s3a://bucket/key`; the result names the mirrored copies.
 */
export function committedCopies(mirror: string, bucket: string, table: string): string[] {
  const dir = join(mirror, table, "_spark_metadata");
  const batches = readdirSync(dir)
    .filter((name) => /^\d+(\.compact)?$/.test(name))
    .map((name) => ({ name, batch: Number.parseInt(name, 10), compact: name.endsWith(".compact") }));
  const lastCompact = Math.max(-1, ...batches.filter((b) => b.compact).map((b) => b.batch));
  const files = new Set<string>();
  for (const { name } of batches.filter((b) => b.batch >= lastCompact).sort((a, b) => a.batch - b.batch)) {
    for (const line of readFileSync(join(dir, name), "utf8").split("\n").slice(1)) {
      if (!line.trim()) continue;
      const entry = JSON.parse(line) as { path: string; action: string };
      const url = new URL(entry.path);
      if (url.protocol !== "s3a:" || url.hostname !== bucket)
        throw new Error(`${entry.path} is not in ${bucket}`);
      const local = join(mirror, decodeURIComponent(url.pathname));
      if (entry.action === "delete") files.delete(local);
      else files.add(local);
    }
  }
  return [...files];
}

import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
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

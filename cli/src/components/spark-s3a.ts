import type { EcomConfig } from "@ecomstream/runtime";

/**
 * Spark settings for a lake and checkpoints on `s3a://` (MinIO or any S3 service).
 *
 * - Path-style access: MinIO buckets are not DNS names.
 * - Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the server's environment.
 * - Delta writes each data file once to its final key and commits by writing the next
 *   `_delta_log/<version>.json` (Delta's S3 single-driver log store: correct because one Spark driver
 *   writes each table; several drivers need Delta's DynamoDB log store). Checkpoint files are written
 *   whole and then renamed, which S3A does by copy: fine because each checkpoint has one writer
 *   (Spark stops an older run of the same checkpoint).
 */
export function s3aConf(config: EcomConfig, bufferDir: string): Record<string, string> {
  const endpoint = new URL(config.s3.endpoint);
  const hadoop = (key: string, value: string): [string, string] => [`spark.hadoop.${key}`, value];
  return Object.fromEntries([
    hadoop("fs.s3a.endpoint", config.s3.endpoint),
    hadoop("fs.s3a.endpoint.region", "us-east-1"),
    hadoop("fs.s3a.path.style.access", "true"),
    hadoop("fs.s3a.connection.ssl.enabled", String(endpoint.protocol === "https:")),
    hadoop(
      "fs.s3a.aws.credentials.provider",
      "software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider",
    ),
    // small micro-batch files: buffer uploads in memory, under the server's own temp folder otherwise
    hadoop("fs.s3a.fast.upload.buffer", "bytebuffer"),
    hadoop("fs.s3a.buffer.dir", bufferDir),
    // fail fast when the store is down instead of retrying for minutes; the stage supervisor retries
    hadoop("fs.s3a.attempts.maximum", "3"),
    hadoop("fs.s3a.retry.limit", "3"),
    hadoop("fs.s3a.connection.establish.timeout", "5s"),
  ]);
}

import type { EcomConfig } from "@ecomstream/runtime";

/**
 * Spark settings for a lake and checkpoints on `s3a://` (MinIO or any S3 service).
 *
 * - Path-style access: MinIO buckets are not DNS names.
 * - Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the server's environment.
 * - Streaming file sinks write each file once to its final key and commit through `_spark_metadata`,
 *   so they never rename. Checkpoint and metadata-log files are written whole and then renamed,
 *   which S3A does by copy: fine because each checkpoint has one writer (Spark stops an older run of
 *   the same checkpoint). Gold's hourly restatement uses the classic file committer, whose renames
 *   are copies of small kpi_minute partitions. (Spark's hadoop-cloud module with the S3A committer
 *   binding is not published for Spark 4.2.0; see the README.)
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

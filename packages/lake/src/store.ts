import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { type EcomConfig, EcomError, errorCodes } from "@ecomstream/runtime";

/** A file of the lake: its URI as Spark names it (file:///… or s3a://bucket/…), size and modification time. */
export interface LakeFile {
  uri: string;
  size: number;
  mtimeMs: number;
}

/**
 * The few object operations lake operations need, on a file:// or s3a:// lake. Data files are
 * written by Spark; this store reads Spark's logs, writes the lake's own small JSON documents
 * (atomically: rename on a disk, a single PUT on S3) and deletes files that are no longer read.
 */
export interface LakeStore {
  /** The text of `uri`, or undefined when it does not exist. */
  readText(uri: string): Promise<string | undefined>;
  /** Replaces `uri` with `text` in one step: a reader sees the old or the new text, never a part. */
  writeText(uri: string, text: string): Promise<void>;
  /** Files under `prefix` (recursively), folders excluded. */
  list(prefix: string): Promise<LakeFile[]>;
  /** Names of the folders and files directly under `prefix` (folders without a trailing slash). */
  children(prefix: string): Promise<string[]>;
  delete(uri: string): Promise<void>;
}

/** `file:/x`, `file:///x` and `/x` name the same file: one spelling, Spark's (`file:///x`). */
export function normalizeUri(uri: string): string {
  if (uri.startsWith("file:")) return pathToFileURL(fileURLToPath(uri)).href;
  if (uri.startsWith("/")) return pathToFileURL(uri).href;
  return uri;
}

class DiskStore implements LakeStore {
  async readText(uri: string): Promise<string | undefined> {
    try {
      return readFileSync(fileURLToPath(uri), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }

  async writeText(uri: string, text: string): Promise<void> {
    const path = fileURLToPath(uri);
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  }

  async list(prefix: string): Promise<LakeFile[]> {
    const root = fileURLToPath(prefix);
    const out: LakeFile[] = [];
    const walk = (dir: string) => {
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
        throw error;
      }
      for (const name of names) {
        const path = join(dir, name);
        let stat: ReturnType<typeof statSync>;
        try {
          stat = statSync(path);
        } catch {
          continue; // removed while listing
        }
        if (stat.isDirectory()) walk(path);
        else out.push({ uri: pathToFileURL(path).href, size: stat.size, mtimeMs: stat.mtimeMs });
      }
    };
    walk(root);
    return out;
  }

  async children(prefix: string): Promise<string[]> {
    try {
      return readdirSync(fileURLToPath(prefix));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
  }

  async delete(uri: string): Promise<void> {
    rmSync(fileURLToPath(uri), { force: true });
  }
}

function bucketKey(uri: string): { bucket: string; key: string } {
  const match = /^s3a?:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!match) throw new EcomError(errorCodes.config, `not an s3a:// URI: ${uri}`);
  return { bucket: match[1]!, key: match[2]! };
}

class S3Store implements LakeStore {
  constructor(private readonly client: S3Client) {}

  async readText(uri: string): Promise<string | undefined> {
    const { bucket, key } = bucketKey(uri);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return await out.Body?.transformToString("utf8");
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === "NoSuchKey") return undefined;
      throw error;
    }
  }

  async writeText(uri: string, text: string): Promise<void> {
    const { bucket, key } = bucketKey(uri);
    await this.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: text }));
  }

  async list(prefix: string): Promise<LakeFile[]> {
    const { bucket, key } = bucketKey(prefix);
    const base = key && !key.endsWith("/") ? `${key}/` : key;
    const out: LakeFile[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: base, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        if (!object.Key || object.Key.endsWith("/")) continue;
        out.push({
          uri: `s3a://${bucket}/${object.Key}`,
          size: object.Size ?? 0,
          mtimeMs: object.LastModified?.getTime() ?? 0,
        });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return out;
  }

  async children(prefix: string): Promise<string[]> {
    const { bucket, key } = bucketKey(prefix);
    const base = key && !key.endsWith("/") ? `${key}/` : key;
    const names = new Set<string>();
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: base, Delimiter: "/", ContinuationToken: token }),
      );
      for (const p of page.CommonPrefixes ?? []) if (p.Prefix) names.add(p.Prefix.slice(base.length, -1));
      for (const o of page.Contents ?? []) if (o.Key && o.Key !== base) names.add(o.Key.slice(base.length));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return [...names];
  }

  async delete(uri: string): Promise<void> {
    const { bucket, key } = bucketKey(uri);
    await this.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  }
}

/** The store of the configured lake: the local disk for file:// URIs, the S3 endpoint for s3a:// ones. */
export function lakeStore(config: EcomConfig): LakeStore {
  if (!config.s3.enabled) return new DiskStore();
  const client = new S3Client({
    endpoint: config.s3.endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: config.s3.accessKey, secretAccessKey: config.s3.secretKey },
  });
  const s3 = new S3Store(client);
  const disk = new DiskStore();
  const pick = (uri: string): LakeStore => (uri.startsWith("s3") ? s3 : disk);
  return {
    readText: (uri) => pick(uri).readText(uri),
    writeText: (uri, text) => pick(uri).writeText(uri, text),
    list: (prefix) => pick(prefix).list(prefix),
    children: (prefix) => pick(prefix).children(prefix),
    delete: (uri) => pick(uri).delete(uri),
  };
}

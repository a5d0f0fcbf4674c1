import { RuntimeConfig } from "./conf.js";
import { DataFrame } from "./dataframe.js";
import { errorCodes, SparkConnectError, SparkVersionMismatchError } from "./errors.js";
import { DataFrameReader, DataStreamReader } from "./reader.js";
import { RpcClient } from "./rpc.js";
import { StreamingQueryManager } from "./streaming-query.js";
import { isUuid, newSessionId, parseConnectionString } from "./url.js";

export interface ConnectOptions {
  /**
   * Reuse (or create) this session id instead of a fresh UUID; also settable as `;session_id=` in
   * the URL. A restarted writer passes its previous id to adopt the queries that session still runs.
   */
  sessionId?: string;
  /** Overrides `;user_id=` of the URL. */
  userId?: string;
  /** Folder of the extracted protos; defaults to `packages/spark-connect/proto`. */
  protoDir?: string;
  /** Ping the server this often (ms) so the session never idles out; off by default. */
  keepAliveMs?: number;
  /** Called when a keepalive ping fails (the session keeps trying). */
  onKeepAliveError?: (error: unknown) => void;
  /** Skip the check that the server runs the Spark version the protos came from. */
  allowVersionMismatch?: boolean;
  /** How long the first call may take before the connection counts as failed; default 10 s. */
  connectTimeoutMs?: number;
}

/** A Spark Connect session: the entry point for SQL, readers and streaming queries. */
export class SparkSession {
  /** The session's UUID; connect again with it to reattach (see README). */
  readonly sessionId: string;
  readonly url: string;
  readonly conf: RuntimeConfig;
  readonly streams: StreamingQueryManager;
  /** @internal The gRPC channel; used by DataFrame, writers and queries. */
  readonly rpc: RpcClient;
  private serverVersion: string | undefined;
  private keepAlive: NodeJS.Timeout | undefined;
  private closed = false;

  private constructor(rpc: RpcClient) {
    this.rpc = rpc;
    this.sessionId = rpc.sessionId;
    this.url = rpc.url;
    this.conf = new RuntimeConfig(rpc);
    this.streams = new StreamingQueryManager(rpc);
  }

  /**
   * Connects to `sc://host:port/;user_id=…;session_id=…` and checks the server's Spark version
   * against the protos' version. Fails fast with SparkConnectionError when nothing listens there.
   */
  static async connect(url: string, options: ConnectOptions = {}): Promise<SparkSession> {
    const conn = parseConnectionString(url);
    if (options.userId !== undefined) conn.userId = options.userId;
    const sessionId = options.sessionId ?? conn.sessionId ?? newSessionId();
    if (!isUuid(sessionId))
      throw new SparkConnectError(errorCodes.usage, `session id "${sessionId}" is not a UUID`, {
        fix: "pass a UUID (crypto.randomUUID()) or leave it out",
      });
    const session = new SparkSession(new RpcClient(conn, url, sessionId, options.protoDir));
    try {
      session.serverVersion = await session.fetchVersion(options.connectTimeoutMs ?? 10_000);
      const client = session.rpc.protoVersion;
      if (!options.allowVersionMismatch && client !== session.serverVersion)
        throw new SparkVersionMismatchError(client, session.serverVersion, url);
    } catch (error) {
      session.rpc.close();
      throw error;
    }
    if (options.keepAliveMs !== undefined && options.keepAliveMs > 0) {
      const onError = options.onKeepAliveError ?? (() => {});
      session.keepAlive = setInterval(() => {
        session.conf.getOption("spark.sql.session.timeZone").catch(onError);
      }, options.keepAliveMs);
      session.keepAlive.unref();
    }
    return session;
  }

  private async fetchVersion(timeoutMs?: number): Promise<string> {
    const response = await this.rpc.unary<{ spark_version?: { version?: string } }>(
      "AnalyzePlan",
      { spark_version: {} },
      timeoutMs,
    );
    return response.spark_version?.version ?? "unknown";
  }

  /** The server's Spark version. */
  async version(): Promise<string> {
    this.serverVersion ??= await this.fetchVersion();
    return this.serverVersion;
  }

  /** The server's own id of this session; it changes when the server restarts. */
  get serverSideSessionId(): string | undefined {
    return this.rpc.serverSideSessionId;
  }

  /**
   * Runs a SQL statement. Commands (DDL, INSERT, SET…) run now; a query comes back as a lazy DataFrame.
   */
  async sql(query: string): Promise<DataFrame> {
    const responses = await this.rpc.execute({ command: { sql_command: { input: { sql: { query } } } } });
    const relation = responses.find((r) => r.sql_command_result)?.sql_command_result?.relation;
    return new DataFrame(this, relation ?? { sql: { query } });
  }

  /** Rows `start` to `end` (exclusive) in a column `id` BIGINT. */
  range(start: number, end?: number, step = 1, numPartitions?: number): DataFrame {
    const [from, to] = end === undefined ? [0, start] : [start, end];
    return new DataFrame(this, {
      range: {
        start: String(from),
        end: String(to),
        step: String(step),
        ...(numPartitions === undefined ? {} : { num_partitions: numPartitions }),
      },
    });
  }

  table(name: string): DataFrame {
    return this.read.table(name);
  }

  get read(): DataFrameReader {
    return new DataFrameReader(this);
  }

  get readStream(): DataStreamReader {
    return new DataStreamReader(this);
  }

  /**
   * Releases the session on the server (this STOPS its streaming queries) and closes the channel.
   * Never throws, so it is safe in `finally`: a failed release is reported in the result. Use
   * `detach()` instead to leave the session and its queries running.
   */
  async close(): Promise<{ released: boolean; error?: SparkConnectError }> {
    if (this.closed) return { released: false };
    this.closed = true;
    clearInterval(this.keepAlive);
    try {
      await this.rpc.unary("ReleaseSession", {}, 10_000);
      return { released: true };
    } catch (error) {
      return { released: false, error: error as SparkConnectError };
    } finally {
      this.rpc.close();
    }
  }

  /** Closes the channel but keeps the server-side session (and its streaming queries) alive. */
  detach(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.keepAlive);
    this.rpc.close();
  }
}

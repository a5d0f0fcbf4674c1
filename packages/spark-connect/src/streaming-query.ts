import type { ExecutePlanResponse, QueryInstanceId, StatusResult, StreamingQueryCommand } from "./plan.js";
import type { RpcClient } from "./rpc.js";

export interface StreamingQueryStatus {
  message: string;
  isDataAvailable: boolean;
  isTriggerActive: boolean;
  isActive: boolean;
}

export interface StreamingQueryException {
  message: string;
  errorClass: string | undefined;
  stackTrace: string | undefined;
}

/** Progress of one micro-batch, as Spark reports it (`StreamingQueryProgress` JSON). */
export interface StreamingQueryProgress {
  id: string;
  runId: string;
  name: string | null;
  timestamp: string;
  batchId: number;
  numInputRows: number;
  inputRowsPerSecond?: number;
  processedRowsPerSecond?: number;
  durationMs?: Record<string, number>;
  eventTime?: Record<string, string>;
  stateOperators?: Array<Record<string, unknown>>;
  sources: Array<{ description: string; startOffset: unknown; endOffset: unknown; numInputRows: number }>;
  sink: { description: string; numOutputRows?: number };
  [key: string]: unknown;
}

/**
 * Parses Spark's progress JSON. The server leaves the query-wide input totals out of the JSON, so
 * they are derived from the sources (as Spark's own clients do).
 */
export function parseProgress(json: string): StreamingQueryProgress {
  const progress = JSON.parse(json) as StreamingQueryProgress;
  const sources = Array.isArray(progress.sources) ? progress.sources : [];
  const sum = (key: "numInputRows" | "inputRowsPerSecond" | "processedRowsPerSecond") =>
    sources.reduce((total, source) => total + (Number((source as Record<string, unknown>)[key]) || 0), 0);
  progress.sources = sources;
  progress.numInputRows ??= sum("numInputRows");
  progress.inputRowsPerSecond ??= sum("inputRowsPerSecond");
  progress.processedRowsPerSecond ??= sum("processedRowsPerSecond");
  return progress;
}

type QueryCommand = Omit<StreamingQueryCommand, "query_id">;
type QueryResult = NonNullable<ExecutePlanResponse["streaming_query_command_result"]>;

/**
 * A handle on a streaming query running on the server. The query belongs to the session that
 * started it: releasing (closing) or expiring that session stops it.
 */
export class StreamingQuery {
  constructor(
    private readonly rpc: RpcClient,
    /** Stable across restarts from the same checkpoint. */
    readonly id: string,
    /** Changes on every (re)start. */
    readonly runId: string,
    readonly name: string | undefined,
  ) {}

  private async command(command: QueryCommand): Promise<QueryResult> {
    const responses = await this.rpc.execute({
      command: { streaming_query_command: { query_id: { id: this.id, run_id: this.runId }, ...command } },
    });
    const result = responses.find((r) => r.streaming_query_command_result)?.streaming_query_command_result;
    return result ?? {};
  }

  async status(): Promise<StreamingQueryStatus> {
    const status: StatusResult = (await this.command({ status: true })).status ?? {};
    return {
      message: status.status_message ?? "",
      isDataAvailable: status.is_data_available ?? false,
      isTriggerActive: status.is_trigger_active ?? false,
      isActive: status.is_active ?? false,
    };
  }

  async isActive(): Promise<boolean> {
    return (await this.status()).isActive;
  }

  /** The most recent micro-batch's progress, or null before the first one completes. */
  async lastProgress(): Promise<StreamingQueryProgress | null> {
    const json = (await this.command({ last_progress: true })).recent_progress?.recent_progress_json ?? [];
    const last = json[json.length - 1];
    return last === undefined ? null : parseProgress(last);
  }

  /** Progress of the recent micro-batches the server still remembers, oldest first. */
  async recentProgress(): Promise<StreamingQueryProgress[]> {
    const json = (await this.command({ recent_progress: true })).recent_progress?.recent_progress_json ?? [];
    return json.map(parseProgress);
  }

  async stop(): Promise<void> {
    await this.command({ stop: true });
  }

  /** Blocks until every input available now has been processed (for tests). */
  async processAllAvailable(): Promise<void> {
    await this.command({ process_all_available: true });
  }

  /**
   * Waits for the query to end. Without a timeout, waits indefinitely. Resolves true when it has
   * terminated; throws a SparkError when it failed.
   */
  async awaitTermination(timeoutMs?: number): Promise<boolean> {
    const result = await this.command({
      await_termination:
        timeoutMs === undefined ? {} : { timeout_ms: String(Math.max(0, Math.round(timeoutMs))) },
    });
    return result.await_termination?.terminated ?? false;
  }

  /** The failure that ended the query, or null when it is running or stopped cleanly. */
  async exception(): Promise<StreamingQueryException | null> {
    const exception = (await this.command({ exception: true })).exception;
    if (!exception?.exception_message) return null;
    return {
      message: exception.exception_message,
      errorClass: exception.error_class,
      stackTrace: exception.stack_trace,
    };
  }
}

/** `session.streams`: the streaming queries of this session. */
export class StreamingQueryManager {
  constructor(private readonly rpc: RpcClient) {}

  private handle(instance: { id?: QueryInstanceId; name?: string } | undefined): StreamingQuery | null {
    if (!instance?.id) return null;
    return new StreamingQuery(this.rpc, instance.id.id, instance.id.run_id, instance.name || undefined);
  }

  async active(): Promise<StreamingQuery[]> {
    const responses = await this.rpc.execute({
      command: { streaming_query_manager_command: { active: true } },
    });
    const result = responses.find(
      (r) => r.streaming_query_manager_command_result,
    )?.streaming_query_manager_command_result;
    return (result?.active?.active_queries ?? []).flatMap((q) => this.handle(q) ?? []);
  }

  /** The active query with this id (not run id), or null when this session runs none. */
  async get(id: string): Promise<StreamingQuery | null> {
    const responses = await this.rpc.execute({
      command: { streaming_query_manager_command: { get_query: id } },
    });
    const result = responses.find(
      (r) => r.streaming_query_manager_command_result,
    )?.streaming_query_manager_command_result;
    return this.handle(result?.query);
  }
}

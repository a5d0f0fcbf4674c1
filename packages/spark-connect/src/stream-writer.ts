import type { DataFrame } from "./dataframe.js";
import { errorCodes, SparkConnectError } from "./errors.js";
import type { WriteStreamOperationStart } from "./plan.js";
import { StreamingQuery } from "./streaming-query.js";

/** When micro-batches run: every interval, once over all available input, or a single batch. */
export type Trigger = { processingTime: string } | { availableNow: true } | { once: true };
export type OutputMode = "append" | "update" | "complete";

/** `df.writeStream`: starts a streaming query. The checkpoint goes in `option("checkpointLocation", …)`. */
export class DataStreamWriter {
  private sink: string | undefined;
  private mode: OutputMode | undefined;
  private name: string | undefined;
  private trig: Trigger | undefined;
  private partitionColumns: string[] = [];
  private readonly opts: Record<string, string> = {};

  constructor(private readonly df: DataFrame) {}

  format(sink: string): this {
    this.sink = sink;
    return this;
  }

  option(key: string, value: string | number | boolean): this {
    this.opts[key] = String(value);
    return this;
  }

  options(options: Record<string, string | number | boolean>): this {
    for (const [key, value] of Object.entries(options)) this.opts[key] = String(value);
    return this;
  }

  partitionBy(...columns: string[]): this {
    this.partitionColumns = columns;
    return this;
  }

  outputMode(mode: OutputMode): this {
    this.mode = mode;
    return this;
  }

  queryName(name: string): this {
    this.name = name;
    return this;
  }

  /** e.g. `{ processingTime: "5 seconds" }`, `{ availableNow: true }`, `{ once: true }`. */
  trigger(trigger: Trigger): this {
    this.trig = trigger;
    return this;
  }

  /** Starts the query, writing to `path` (file sinks) or where the options say (kafka, console…). */
  async start(path?: string): Promise<StreamingQuery> {
    return this.run(path === undefined ? {} : { path });
  }

  /** Starts the query writing into a catalog table. */
  async toTable(tableName: string): Promise<StreamingQuery> {
    return this.run({ table_name: tableName });
  }

  private async run(
    destination: Pick<WriteStreamOperationStart, "path" | "table_name">,
  ): Promise<StreamingQuery> {
    const start: WriteStreamOperationStart = {
      input: this.df.relation,
      ...(this.sink === undefined ? {} : { format: this.sink }),
      options: { ...this.opts },
      partitioning_column_names: this.partitionColumns,
      ...triggerFields(this.trig),
      ...(this.mode === undefined ? {} : { output_mode: this.mode }),
      ...(this.name === undefined ? {} : { query_name: this.name }),
      ...destination,
    };
    const rpc = this.df.session.rpc;
    const responses = await rpc.execute({ command: { write_stream_operation_start: start } });
    const result = responses.find(
      (r) => r.write_stream_operation_start_result,
    )?.write_stream_operation_start_result;
    if (!result?.query_id)
      throw new SparkConnectError(
        errorCodes.server,
        "the server started no streaming query (no query id returned)",
      );
    return new StreamingQuery(rpc, result.query_id.id, result.query_id.run_id, result.name || undefined);
  }
}

function triggerFields(trigger: Trigger | undefined): Partial<WriteStreamOperationStart> {
  if (trigger === undefined) return {};
  if ("processingTime" in trigger) return { processing_time_interval: trigger.processingTime };
  if ("availableNow" in trigger) return { available_now: true };
  return { once: true };
}

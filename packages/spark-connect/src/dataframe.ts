import { Table } from "apache-arrow";
import { type DecodeOptions, type Row, tableFromBatches, tableToRows } from "./arrow.js";
import type { DataTypeMessage, Expression, Relation } from "./plan.js";
import type { SparkSession } from "./session.js";
import { DataStreamWriter } from "./stream-writer.js";
import { type StructType, toStructType } from "./types.js";
import { DataFrameWriter } from "./writer.js";

const expr = (expression: string): Expression => ({ expression_string: { expression } });

/**
 * An immutable, lazily evaluated query plan. Every transformation returns a new DataFrame; nothing
 * runs on the server until an action (`collect`, `count`, `schema`, a write) is called.
 * Expressions are Spark SQL strings, e.g. `df.filter("amount > 0").selectExpr("id", "amount * 2 AS x")`.
 */
export class DataFrame {
  constructor(
    readonly session: SparkSession,
    /** The `spark.connect.Relation` this DataFrame stands for. */
    readonly relation: Relation,
  ) {}

  private derive(relation: Relation): DataFrame {
    return new DataFrame(this.session, relation);
  }

  selectExpr(...expressions: string[]): DataFrame {
    return this.derive({ project: { input: this.relation, expressions: expressions.map(expr) } });
  }

  filter(condition: string): DataFrame {
    return this.derive({ filter: { input: this.relation, condition: expr(condition) } });
  }

  where(condition: string): DataFrame {
    return this.filter(condition);
  }

  /** Adds or replaces column `name` with the value of a SQL expression. */
  withColumn(name: string, expression: string): DataFrame {
    return this.derive({
      with_columns: { input: this.relation, aliases: [{ expr: expr(expression), name: [name] }] },
    });
  }

  withWatermark(eventTime: string, delayThreshold: string): DataFrame {
    return this.derive({
      with_watermark: { input: this.relation, event_time: eventTime, delay_threshold: delayThreshold },
    });
  }

  /** Drops duplicate rows, by all columns or by `columns`; in streaming, state is kept forever unless watermarked. */
  dropDuplicates(columns?: string[]): DataFrame {
    return this.derive({ deduplicate: { input: this.relation, ...dedupKeys(columns) } });
  }

  /** Streaming deduplication whose state is dropped once the watermark passes (needs `withWatermark`). */
  dropDuplicatesWithinWatermark(columns?: string[]): DataFrame {
    return this.derive({
      deduplicate: { input: this.relation, ...dedupKeys(columns), within_watermark: true },
    });
  }

  /** UNION ALL by column position (like Spark's `DataFrame.union`). */
  union(other: DataFrame): DataFrame {
    return this.derive({
      set_op: {
        left_input: this.relation,
        right_input: other.relation,
        set_op_type: "SET_OP_TYPE_UNION",
        is_all: true,
      },
    });
  }

  /** UNION ALL matching columns by name. */
  unionByName(other: DataFrame): DataFrame {
    return this.derive({
      set_op: {
        left_input: this.relation,
        right_input: other.relation,
        set_op_type: "SET_OP_TYPE_UNION",
        is_all: true,
        by_name: true,
      },
    });
  }

  limit(n: number): DataFrame {
    return this.derive({ limit: { input: this.relation, limit: n } });
  }

  /** Fewer partitions without a shuffle: each task reads several input partitions one after another. */
  coalesce(numPartitions: number): DataFrame {
    if (!Number.isInteger(numPartitions) || numPartitions < 1)
      throw new RangeError(`coalesce needs a positive integer, got ${numPartitions}`);
    return this.derive({
      repartition: { input: this.relation, num_partitions: numPartitions, shuffle: false },
    });
  }

  async createOrReplaceTempView(name: string): Promise<void> {
    await this.session.rpc.execute({
      command: { create_dataframe_view: { input: this.relation, name, is_global: false, replace: true } },
    });
  }

  async schema(): Promise<StructType> {
    const response = await this.session.rpc.unary<{ schema?: { schema?: DataTypeMessage } }>("AnalyzePlan", {
      schema: { plan: { root: this.relation } },
    });
    return toStructType(response.schema?.schema);
  }

  async isStreaming(): Promise<boolean> {
    const response = await this.session.rpc.unary<{ is_streaming?: { is_streaming?: boolean } }>(
      "AnalyzePlan",
      {
        is_streaming: { plan: { root: this.relation } },
      },
    );
    return response.is_streaming?.is_streaming ?? false;
  }

  async count(): Promise<number> {
    const counted = this.derive({
      aggregate: {
        input: this.relation,
        group_type: "GROUP_TYPE_GROUPBY",
        aggregate_expressions: [expr("count(1) AS count")],
      },
    });
    const [row] = await counted.collect();
    return Number(row?.count ?? 0);
  }

  /** Runs the query and returns its result as an Arrow table (a table without columns when there are no batches). */
  async toArrow(): Promise<Table> {
    const batches: Uint8Array[] = [];
    for await (const response of this.session.rpc.executeStream({ root: this.relation })) {
      const data = response.arrow_batch?.data;
      if (data && data.length > 0) batches.push(data);
    }
    return tableFromBatches(batches) ?? new Table();
  }

  /** Runs the query and returns every row as plain JavaScript values (see `tableToRows`). */
  async collect(options: DecodeOptions = {}): Promise<Row[]> {
    return tableToRows(await this.toArrow(), options);
  }

  get write(): DataFrameWriter {
    return new DataFrameWriter(this);
  }

  get writeStream(): DataStreamWriter {
    return new DataStreamWriter(this);
  }
}

function dedupKeys(columns?: string[]): { column_names?: string[]; all_columns_as_keys?: boolean } {
  return columns && columns.length > 0 ? { column_names: columns } : { all_columns_as_keys: true };
}

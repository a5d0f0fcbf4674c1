import type { DataFrame } from "./dataframe.js";
import { errorCodes, SparkConnectError } from "./errors.js";
import type { WriteOperation } from "./plan.js";

export type SaveMode = "append" | "overwrite" | "error" | "errorifexists" | "ignore";

const saveModes: Record<SaveMode, string> = {
  append: "SAVE_MODE_APPEND",
  overwrite: "SAVE_MODE_OVERWRITE",
  error: "SAVE_MODE_ERROR_IF_EXISTS",
  errorifexists: "SAVE_MODE_ERROR_IF_EXISTS",
  ignore: "SAVE_MODE_IGNORE",
};

/** `df.write`: batch writes to files (parquet, json, …), JDBC and tables. */
export class DataFrameWriter {
  private source: string | undefined;
  private saveMode: SaveMode = "error";
  private readonly opts: Record<string, string> = {};
  private partitionColumns: string[] = [];

  constructor(private readonly df: DataFrame) {}

  format(source: string): this {
    this.source = source;
    return this;
  }

  mode(mode: SaveMode): this {
    if (!(mode in saveModes))
      throw new SparkConnectError(errorCodes.usage, `unknown save mode "${mode}"`, {
        fix: `use one of ${Object.keys(saveModes).join(", ")}`,
      });
    this.saveMode = mode;
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

  /** Writes to `path` (files) or, without one, to what the options name (e.g. JDBC `url` + `dbtable`). */
  async save(path?: string): Promise<void> {
    await this.run(path === undefined ? {} : { path });
  }

  async saveAsTable(name: string): Promise<void> {
    await this.run({ table: { table_name: name, save_method: "TABLE_SAVE_METHOD_SAVE_AS_TABLE" } });
  }

  async parquet(path: string): Promise<void> {
    this.source = "parquet";
    await this.save(path);
  }

  private async run(target: Pick<WriteOperation, "path" | "table">): Promise<void> {
    const operation: WriteOperation = {
      input: this.df.relation,
      ...(this.source === undefined ? {} : { source: this.source }),
      ...target,
      mode: saveModes[this.saveMode],
      partitioning_columns: this.partitionColumns,
      options: { ...this.opts },
    };
    await this.df.session.rpc.execute({ command: { write_operation: operation } });
  }
}

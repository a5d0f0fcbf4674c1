import { DataFrame } from "./dataframe.js";
import type { SparkSession } from "./session.js";

type OptionValue = string | number | boolean;

/** Shared builder of `read` and `readStream`: `format`, `option(s)`, `schema`, `load`. */
class SourceBuilder<Self> {
  protected formatName: string | undefined;
  protected schemaDdl: string | undefined;
  protected readonly opts: Record<string, string> = {};

  constructor(
    protected readonly session: SparkSession,
    private readonly streaming: boolean,
  ) {}

  format(source: string): Self {
    this.formatName = source;
    return this as unknown as Self;
  }

  option(key: string, value: OptionValue): Self {
    this.opts[key] = String(value);
    return this as unknown as Self;
  }

  options(options: Record<string, OptionValue>): Self {
    for (const [key, value] of Object.entries(options)) this.opts[key] = String(value);
    return this as unknown as Self;
  }

  /** The source's schema as a Spark DDL string, e.g. `id BIGINT, at TIMESTAMP`. */
  schema(ddl: string): Self {
    this.schemaDdl = ddl;
    return this as unknown as Self;
  }

  load(...paths: string[]): DataFrame {
    return new DataFrame(this.session, {
      read: {
        is_streaming: this.streaming,
        data_source: {
          ...(this.formatName === undefined ? {} : { format: this.formatName }),
          ...(this.schemaDdl === undefined ? {} : { schema: this.schemaDdl }),
          options: { ...this.opts },
          paths,
        },
      },
    });
  }
}

/** `session.read`: batch sources (parquet, json, jdbc, kafka, …). */
export class DataFrameReader extends SourceBuilder<DataFrameReader> {
  constructor(session: SparkSession) {
    super(session, false);
  }

  table(name: string): DataFrame {
    return new DataFrame(this.session, { read: { named_table: { unparsed_identifier: name } } });
  }

  parquet(...paths: string[]): DataFrame {
    return this.format("parquet").load(...paths);
  }
}

/** `session.readStream`: streaming sources (kafka, rate, files, …). */
export class DataStreamReader extends SourceBuilder<DataStreamReader> {
  constructor(session: SparkSession) {
    super(session, true);
  }
}

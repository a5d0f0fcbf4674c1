import type { DataTypeMessage } from "./plan.js";

/** One column of a schema; `type` is Spark's simple type string (`bigint`, `array<int>`, …). */
export interface StructField {
  name: string;
  type: string;
  nullable: boolean;
}

export interface StructType {
  fields: StructField[];
  /** Spark DDL of the schema, e.g. `id BIGINT, name STRING` (usable as a reader schema). */
  ddl: string;
}

const simpleNames: Record<string, string> = {
  null: "void",
  binary: "binary",
  boolean: "boolean",
  byte: "tinyint",
  short: "smallint",
  integer: "int",
  long: "bigint",
  float: "float",
  double: "double",
  string: "string",
  date: "date",
  timestamp: "timestamp",
  timestamp_ntz: "timestamp_ntz",
  calendar_interval: "interval",
  variant: "variant",
};

/** Spark's simple string of a `spark.connect.DataType`. */
export function typeString(type: DataTypeMessage | undefined): string {
  const kind = type?.kind ?? "";
  if (!type) return "unknown";
  if (kind in simpleNames) return simpleNames[kind] as string;
  switch (kind) {
    case "decimal":
      return `decimal(${type.decimal?.precision ?? 10},${type.decimal?.scale ?? 0})`;
    case "char":
      return `char(${type.char?.length ?? 0})`;
    case "var_char":
      return `varchar(${type.var_char?.length ?? 0})`;
    case "array":
      return `array<${typeString(type.array?.element_type)}>`;
    case "map":
      return `map<${typeString(type.map?.key_type)},${typeString(type.map?.value_type)}>`;
    case "struct":
      return `struct<${(type.struct?.fields ?? []).map((f) => `${quote(f.name)}:${typeString(f.data_type)}`).join(",")}>`;
    default:
      return kind.replace(/_/g, "");
  }
}

/** Converts the schema AnalyzePlan returns (a struct DataType) to a `StructType`. */
export function toStructType(type: DataTypeMessage | undefined): StructType {
  const fields = (type?.struct?.fields ?? []).map((f) => ({
    name: f.name,
    type: typeString(f.data_type),
    nullable: f.nullable ?? false,
  }));
  return { fields, ddl: fields.map((f) => `${quote(f.name)} ${f.type}`).join(", ") };
}

function quote(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name.replace(/`/g, "``")}\``;
}

/**
 * Hand-written shapes of the Spark Connect messages this client builds and reads (a subset of
 * `spark/connect/*.proto`). Field names match the proto (snake_case); int64 values travel as strings.
 */

export interface Expression {
  expression_string?: { expression: string };
  unresolved_attribute?: { unparsed_identifier: string };
  alias?: { expr: Expression; name: string[] };
}

export interface DataSource {
  format?: string;
  schema?: string;
  options?: Record<string, string>;
  paths?: string[];
}

export interface Relation {
  common?: { plan_id?: string };
  read?: { data_source?: DataSource; named_table?: { unparsed_identifier: string }; is_streaming?: boolean };
  sql?: { query: string };
  project?: { input: Relation; expressions: Expression[] };
  filter?: { input: Relation; condition: Expression };
  with_columns?: { input: Relation; aliases: Array<{ expr: Expression; name: string[] }> };
  with_watermark?: { input: Relation; event_time: string; delay_threshold: string };
  deduplicate?: {
    input: Relation;
    column_names?: string[];
    all_columns_as_keys?: boolean;
    within_watermark?: boolean;
  };
  set_op?: {
    left_input: Relation;
    right_input: Relation;
    set_op_type: "SET_OP_TYPE_UNION";
    is_all?: boolean;
    by_name?: boolean;
  };
  limit?: { input: Relation; limit: number };
  repartition?: { input: Relation; num_partitions: number; shuffle?: boolean };
  aggregate?: { input: Relation; group_type: "GROUP_TYPE_GROUPBY"; aggregate_expressions: Expression[] };
  range?: { start?: string; end: string; step: string; num_partitions?: number };
}

export interface WriteOperation {
  input: Relation;
  source?: string;
  path?: string;
  table?: { table_name: string; save_method: string };
  mode?: string;
  partitioning_columns?: string[];
  options?: Record<string, string>;
}

export interface WriteStreamOperationStart {
  input: Relation;
  format?: string;
  options?: Record<string, string>;
  partitioning_column_names?: string[];
  processing_time_interval?: string;
  available_now?: boolean;
  once?: boolean;
  output_mode?: string;
  query_name?: string;
  path?: string;
  table_name?: string;
}

export interface QueryInstanceId {
  id: string;
  run_id: string;
}

export interface StreamingQueryCommand {
  query_id: QueryInstanceId;
  status?: boolean;
  last_progress?: boolean;
  recent_progress?: boolean;
  stop?: boolean;
  process_all_available?: boolean;
  exception?: boolean;
  await_termination?: { timeout_ms?: string };
}

export interface StreamingQueryManagerCommand {
  active?: boolean;
  get_query?: string;
}

export interface Command {
  sql_command?: { input: Relation };
  create_dataframe_view?: { input: Relation; name: string; is_global: boolean; replace: boolean };
  write_operation?: WriteOperation;
  write_stream_operation_start?: WriteStreamOperationStart;
  streaming_query_command?: StreamingQueryCommand;
  streaming_query_manager_command?: StreamingQueryManagerCommand;
}

export type Plan = { root: Relation } | { command: Command };

/** `spark.connect.DataType` as decoded (oneof `kind` names the variant). */
export interface DataTypeMessage {
  kind?: string;
  decimal?: { scale?: number; precision?: number };
  array?: { element_type?: DataTypeMessage; contains_null?: boolean };
  map?: { key_type?: DataTypeMessage; value_type?: DataTypeMessage; value_contains_null?: boolean };
  struct?: { fields?: Array<{ name: string; data_type?: DataTypeMessage; nullable?: boolean }> };
  var_char?: { length?: number };
  char?: { length?: number };
  [kind: string]: unknown;
}

export interface StatusResult {
  status_message?: string;
  is_data_available?: boolean;
  is_trigger_active?: boolean;
  is_active?: boolean;
}

export interface ExecutePlanResponse {
  response_type?: string;
  session_id?: string;
  server_side_session_id?: string;
  arrow_batch?: { row_count?: string; data?: Buffer; start_offset?: string };
  schema?: DataTypeMessage;
  sql_command_result?: { relation?: Relation };
  write_stream_operation_start_result?: { query_id?: QueryInstanceId; name?: string };
  streaming_query_command_result?: {
    query_id?: QueryInstanceId;
    result_type?: string;
    status?: StatusResult;
    recent_progress?: { recent_progress_json?: string[] };
    exception?: { exception_message?: string; error_class?: string; stack_trace?: string };
    await_termination?: { terminated?: boolean };
  };
  streaming_query_manager_command_result?: {
    result_type?: string;
    active?: { active_queries?: Array<{ id?: QueryInstanceId; name?: string }> };
    query?: { id?: QueryInstanceId; name?: string };
  };
  result_complete?: Record<string, never>;
}

import { type ClientReadableStream, credentials, Metadata, type ServiceError } from "@grpc/grpc-js";
import { type SparkConnectError, SparkError } from "./errors.js";
import type { ExecutePlanResponse, Plan } from "./plan.js";
import { loadProtos } from "./protos.js";
import { toClientError } from "./rpc-errors.js";
import type { ConnectionString } from "./url.js";

export const clientType = `ecomstream-spark-connect/0.1 node/${process.versions.node}`;

type UnaryMethod = (
  request: unknown,
  metadata: Metadata,
  options: { deadline?: number },
  callback: (error: ServiceError | null, response: unknown) => void,
) => void;
interface FetchErrorDetailsResponse {
  root_error_idx?: number;
  errors?: Array<{
    error_type_hierarchy?: string[];
    spark_throwable?: {
      error_class?: string;
      sql_state?: string;
      message_parameters?: Record<string, string>;
    };
  }>;
}

type StreamMethod = (request: unknown, metadata: Metadata) => ClientReadableStream<ExecutePlanResponse>;

export interface KeyValue {
  key: string;
  value?: string;
}

/**
 * The gRPC channel of one session: adds the session header fields to every request and turns
 * failures into `SparkError` / `SparkConnectionError`.
 */
export class RpcClient {
  readonly url: string;
  readonly sessionId: string;
  readonly userId: string;
  readonly protoVersion: string;
  /** The server's id for this session, learnt from the first response. */
  serverSideSessionId: string | undefined;
  private readonly client: Record<string, unknown> & { close(): void };
  private readonly metadata: Metadata;

  constructor(conn: ConnectionString, url: string, sessionId: string, protoDir?: string) {
    const { Service, sparkVersion } = loadProtos(protoDir);
    this.url = url;
    this.sessionId = sessionId;
    this.userId = conn.userId;
    this.protoVersion = sparkVersion;
    const creds = conn.useSsl ? credentials.createSsl() : credentials.createInsecure();
    this.client = new Service(conn.target, creds, {
      "grpc.max_receive_message_length": -1,
      "grpc.max_send_message_length": 128 * 1024 * 1024,
      "grpc.primary_user_agent": conn.userAgent ?? clientType,
    }) as unknown as Record<string, unknown> & { close(): void };
    this.metadata = new Metadata();
    if (conn.token) this.metadata.set("authorization", `Bearer ${conn.token}`);
  }

  private header(): Record<string, unknown> {
    return {
      session_id: this.sessionId,
      user_context: { user_id: this.userId },
      client_type: clientType,
      ...(this.serverSideSessionId
        ? { client_observed_server_side_session_id: this.serverSideSessionId }
        : {}),
    };
  }

  private observe(response: { server_side_session_id?: string }): void {
    if (response.server_side_session_id && !this.serverSideSessionId)
      this.serverSideSessionId = response.server_side_session_id;
  }

  unary<T>(method: string, body: Record<string, unknown>, timeoutMs?: number): Promise<T> {
    const fn = (this.client[method] as UnaryMethod).bind(this.client);
    const deadline = timeoutMs === undefined ? undefined : Date.now() + timeoutMs;
    return new Promise<T>((resolve, reject) => {
      fn({ ...this.header(), ...body }, this.metadata, deadline ? { deadline } : {}, (error, response) => {
        if (error) reject(toClientError(error, this.url));
        else {
          this.observe(response as { server_side_session_id?: string });
          resolve(response as T);
        }
      });
    });
  }

  /** Runs a plan and reads its response stream to the end (no reattachable execution). */
  async execute(plan: Plan): Promise<ExecutePlanResponse[]> {
    const responses: ExecutePlanResponse[] = [];
    for await (const response of this.executeStream(plan)) responses.push(response);
    return responses;
  }

  async *executeStream(plan: Plan): AsyncGenerator<ExecutePlanResponse> {
    const fn = (this.client.ExecutePlan as StreamMethod).bind(this.client);
    const call = fn({ ...this.header(), plan }, this.metadata);
    try {
      for await (const response of call as AsyncIterable<ExecutePlanResponse>) {
        this.observe(response);
        yield response;
      }
    } catch (error) {
      throw await this.enrich(toClientError(error, this.url));
    } finally {
      call.cancel();
    }
  }

  /**
   * Large errors arrive with a truncated trailer (no error class or parameters, only an error id):
   * fetch the full details with FetchErrorDetails and fill the gaps.
   */
  private async enrich(error: SparkConnectError): Promise<SparkConnectError> {
    if (!(error instanceof SparkError) || !error.errorId) return error;
    if (error.errorClass && Object.keys(error.messageParameters).length > 0) return error;
    try {
      const details = await this.unary<FetchErrorDetailsResponse>(
        "FetchErrorDetails",
        { error_id: error.errorId },
        5_000,
      );
      const root = details.errors?.[details.root_error_idx ?? 0];
      const throwable = root?.spark_throwable;
      if (!throwable) return error;
      return new SparkError(
        error.message,
        {
          errorClass: error.errorClass ?? throwable.error_class,
          sqlState: error.sqlState ?? throwable.sql_state,
          messageParameters: { ...throwable.message_parameters, ...error.messageParameters },
          grpcCode: error.grpcCode,
          exceptionClasses:
            error.exceptionClasses.length > 0 ? error.exceptionClasses : (root?.error_type_hierarchy ?? []),
          errorId: error.errorId,
        },
        { cause: error.cause },
      );
    } catch {
      return error; // best effort: the original error stands
    }
  }

  close(): void {
    this.client.close();
  }
}

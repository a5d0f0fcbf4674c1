import { type ClientReadableStream, credentials, Metadata, type ServiceError } from "@grpc/grpc-js";
import type { SparkConnectError } from "./errors.js";
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

  /** Fills in message parameters the server left out of the status trailer. */
  private async enrich(error: SparkConnectError): Promise<SparkConnectError> {
    const e = error as SparkConnectError & { errorId?: string; messageParameters?: Record<string, string> };
    if (!e.errorId || (e.messageParameters && Object.keys(e.messageParameters).length > 0)) return error;
    try {
      const details = await this.unary<{
        root_error_idx?: number;
        errors?: Array<{ spark_throwable?: { message_parameters?: Record<string, string> } }>;
      }>("FetchErrorDetails", { error_id: e.errorId }, 5_000);
      const root = details.errors?.[details.root_error_idx ?? 0];
      const params = root?.spark_throwable?.message_parameters;
      if (params && e.messageParameters) Object.assign(e.messageParameters, params);
    } catch {
      // Best effort: the original error stands.
    }
    return error;
  }

  close(): void {
    this.client.close();
  }
}

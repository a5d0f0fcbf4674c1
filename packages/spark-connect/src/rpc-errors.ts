import { Metadata, type ServiceError, status } from "@grpc/grpc-js";
import { SparkConnectError, SparkConnectionError, SparkError } from "./errors.js";
import { decodeRpcStatus, type RpcStatus } from "./status-details.js";

const connectionCodes = new Set<number>([status.UNAVAILABLE, status.DEADLINE_EXCEEDED]);

function isServiceError(error: unknown): error is ServiceError {
  return error instanceof Error && typeof (error as ServiceError).code === "number";
}

/**
 * Turns whatever a gRPC call threw into this package's errors: `SparkError` for errors Spark
 * reports (error class, SQL state and parameters read from the `google.rpc.ErrorInfo` detail),
 * `SparkConnectionError` when the server cannot be reached or the stream broke.
 */
export function toClientError(error: unknown, url: string): SparkConnectError {
  if (error instanceof SparkConnectError) return error;
  if (!isServiceError(error)) return new SparkConnectionError(url, String(error), { cause: error });
  const details = statusDetails(error);
  const info = details?.errorInfos[0];
  if (connectionCodes.has(error.code) && !info)
    return new SparkConnectionError(url, `${status[error.code]}: ${error.details || error.message}`, {
      grpcCode: error.code,
      cause: error,
    });
  const meta = info?.metadata ?? {};
  let messageParameters: Record<string, string> = {};
  try {
    if (meta.messageParameters)
      messageParameters = JSON.parse(meta.messageParameters) as Record<string, string>;
  } catch {
    // Truncated by the server when large; FetchErrorDetails can recover them.
  }
  let exceptionClasses: string[] = [];
  try {
    if (meta.classes) exceptionClasses = JSON.parse(meta.classes) as string[];
  } catch {
    exceptionClasses = [];
  }
  const message = error.details || details?.message || error.message;
  return new SparkError(
    message,
    {
      errorClass: meta.errorClass || undefined,
      sqlState: meta.sqlState || undefined,
      messageParameters,
      grpcCode: error.code,
      exceptionClasses: exceptionClasses.length > 0 ? exceptionClasses : info?.reason ? [info.reason] : [],
      errorId: meta.errorId || undefined,
    },
    { cause: error },
  );
}

function statusDetails(error: ServiceError): RpcStatus | undefined {
  if (!(error.metadata instanceof Metadata)) return undefined;
  const raw = error.metadata.get("grpc-status-details-bin")[0];
  if (!(raw instanceof Uint8Array)) return undefined;
  try {
    return decodeRpcStatus(raw);
  } catch {
    return undefined;
  }
}

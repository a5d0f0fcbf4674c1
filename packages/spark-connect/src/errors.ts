/** Error codes of the Spark Connect client; each names one failure a caller can act on. */
export const errorCodes = {
  /** The server rejected or failed the operation (see `SparkError.errorClass`). */
  server: "SPARK_CONNECT_ERR_SERVER",
  /** The server could not be reached, or the connection dropped mid-call. */
  connection: "SPARK_CONNECT_ERR_CONNECTION",
  /** The protocol definitions are missing or cannot be obtained. */
  protos: "SPARK_CONNECT_ERR_PROTOS",
  /** The client's protocol version does not match the server's Spark version. */
  version: "SPARK_CONNECT_ERR_VERSION_MISMATCH",
  /** A connection string or argument is malformed. */
  usage: "SPARK_CONNECT_ERR_USAGE",
  /** A result could not be decoded into JavaScript values. */
  decode: "SPARK_CONNECT_ERR_DECODE",
  /** The session was closed by this client. */
  closed: "SPARK_CONNECT_ERR_SESSION_CLOSED",
} as const;

export type SparkConnectErrorCode = (typeof errorCodes)[keyof typeof errorCodes];

/** Base class of every error this package raises on purpose. `fix` is one actionable line. */
export class SparkConnectError extends Error {
  readonly code: SparkConnectErrorCode;
  readonly fix: string | undefined;

  constructor(code: SparkConnectErrorCode, message: string, options: { fix?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "SparkConnectError";
    this.code = code;
    this.fix = options.fix;
  }
}

export interface SparkErrorFields {
  errorClass: string | undefined;
  sqlState: string | undefined;
  messageParameters: Record<string, string>;
  grpcCode: number;
  /** Java exception classes, most specific first, when the server reports them. */
  exceptionClasses: string[];
  /** Server-side id usable with FetchErrorDetails. */
  errorId: string | undefined;
}

/** An error raised by Spark on the server: analysis errors, failed jobs, bad arguments. */
export class SparkError extends SparkConnectError {
  readonly errorClass: string | undefined;
  readonly sqlState: string | undefined;
  readonly messageParameters: Record<string, string>;
  readonly grpcCode: number;
  readonly exceptionClasses: string[];
  readonly errorId: string | undefined;

  constructor(message: string, fields: SparkErrorFields, options: { cause?: unknown } = {}) {
    super(errorCodes.server, message, options);
    this.name = "SparkError";
    this.errorClass = fields.errorClass;
    this.sqlState = fields.sqlState;
    this.messageParameters = fields.messageParameters;
    this.grpcCode = fields.grpcCode;
    this.exceptionClasses = fields.exceptionClasses;
    this.errorId = fields.errorId;
  }
}

/** The Spark Connect server is unreachable (or went away during a call). */
export class SparkConnectionError extends SparkConnectError {
  readonly url: string;
  readonly grpcCode: number | undefined;

  constructor(url: string, detail: string, options: { grpcCode?: number; cause?: unknown } = {}) {
    super(errorCodes.connection, `cannot reach Spark Connect at ${url}: ${detail}`, {
      fix: `check that the Spark Connect server is running and listening there (\`./ecom up\`, or its log), and that the host/port in ${url} are right`,
      cause: options.cause,
    });
    this.name = "SparkConnectionError";
    this.url = url;
    this.grpcCode = options.grpcCode;
  }
}

/** The client's protocol (extracted for one Spark version) does not match the server's Spark. */
export class SparkVersionMismatchError extends SparkConnectError {
  readonly clientVersion: string;
  readonly serverVersion: string;

  constructor(clientVersion: string, serverVersion: string, url: string) {
    super(
      errorCodes.version,
      `Spark version mismatch: client protocol is Spark ${clientVersion}, server at ${url} runs Spark ${serverVersion}`,
      { fix: "pin <spark.version> in infra/spark/pom.xml to the server's version and re-run `./ecom up`" },
    );
    this.name = "SparkVersionMismatchError";
    this.clientVersion = clientVersion;
    this.serverVersion = serverVersion;
  }
}

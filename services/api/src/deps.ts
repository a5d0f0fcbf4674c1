import type { IncomingMessage, ServerResponse } from "node:http";
import type { EcomConfig } from "@ecomstream/runtime";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawServerDefault,
} from "fastify";
import type { Pool } from "./db.js";
import type { StageProbe } from "./pipeline-probe.js";
import type { ResponseCache } from "./response-cache.js";
import type { SampleSource } from "./samples.js";
import type { ServingListener } from "./serving-listener.js";

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** What the routes need, passed in (tests give their own database, lake, clock and probes). */
export interface Deps {
  config: EcomConfig;
  pool: Pool;
  now: () => Date;
  samples: SampleSource;
  probeStage: StageProbe;
  /** The LISTEN connection behind /v1/stream. */
  listener: ServingListener;
  /** Serialized KPI responses, kept until serving's KPI minutes change. */
  cache: ResponseCache;
  /** Interval of /v1/stream's heartbeat comments. */
  heartbeatMs: number;
  /** Most /v1/stream clients at once; beyond, 503. */
  maxStreams: number;
  /** How long a stream client may leave the server's writes unread before it is dropped. */
  streamDrainMs: number;
  /** The preValidation hook of operations that need `x-api-key` (wrong keys limited per client). */
  checkKey: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
}

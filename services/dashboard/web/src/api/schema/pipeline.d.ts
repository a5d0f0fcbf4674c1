// Generated from services/api/openapi.json by `npm run types -w @ecomstream/dashboard`. Do not edit.
export interface paths {
  "/v1/pipeline": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Per stage: last batch, input rate, lag in records, freshness
     * @description Figures come from serving.pipeline_stage (kept by the loader); a stage without a row there is probed on its /health port (lag is then unknown), and a stage that does not answer is reported with source `none`.
     */
    get: operations["getPipeline"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/stream": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Server-Sent Events: new and changed KPI minutes and alerts
     * @description A `ready` message first, then a `kpi` message per added or changed serving.kpi_minute row and an `alert` message per raised or changed alert; each message's `data` is one JSON object, sent as text. A comment line every 15 s keeps proxies from closing the stream. After a reconnect, refetch /v1/kpis and /v1/alerts for what was missed. 503 when Postgres cannot be reached or ECOM_API_MAX_STREAMS streams are open; a client that does not read what is sent is disconnected.
     */
    get: operations["getStream"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: never;
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  getPipeline: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Bad request, unknown resource, or rate limited (problem+json) */
      "4XX": {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": {
            /** @enum {string} */
            code:
              | "API_ERR_VALIDATION"
              | "API_ERR_RANGE"
              | "API_ERR_CURSOR"
              | "API_ERR_UNAUTHORIZED"
              | "API_ERR_FORBIDDEN"
              | "API_ERR_NOT_FOUND"
              | "API_ERR_METHOD_NOT_ALLOWED"
              | "API_ERR_CONFLICT"
              | "API_ERR_RATE_LIMITED"
              | "API_ERR_UNAVAILABLE"
              | "API_ERR_INTERNAL";
            /** @description what was wrong, for a person */
            detail: string;
            /** @description the request path */
            instance: string;
            requestId: string;
            status: number;
            title: string;
            /** @description URI naming the problem type */
            type: string;
          };
        };
      };
      /** @description Server or dependency failure (problem+json) */
      "5XX": {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": {
            /** @enum {string} */
            code:
              | "API_ERR_VALIDATION"
              | "API_ERR_RANGE"
              | "API_ERR_CURSOR"
              | "API_ERR_UNAUTHORIZED"
              | "API_ERR_FORBIDDEN"
              | "API_ERR_NOT_FOUND"
              | "API_ERR_METHOD_NOT_ALLOWED"
              | "API_ERR_CONFLICT"
              | "API_ERR_RATE_LIMITED"
              | "API_ERR_UNAVAILABLE"
              | "API_ERR_INTERNAL";
            /** @description what was wrong, for a person */
            detail: string;
            /** @description the request path */
            instance: string;
            requestId: string;
            status: number;
            title: string;
            /** @description URI naming the problem type */
            type: string;
          };
        };
      };
      /** @description the pipeline's stages */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /**
             * Format: date-time
             * @description when the API answered
             */
            checked_at: string;
            serving: {
              /** @description seconds since serving.kpi_minute last changed */
              freshness_seconds: number | null;
              /**
               * Format: date-time
               * @description when serving.kpi_minute last changed
               */
              last_update_at: string | null;
              /**
               * Format: date-time
               * @description end of the newest minute in serving.kpi_minute
               */
              newest_window_end: string | null;
            };
            /** @description in data-flow order */
            stages: {
              /** @description an error or note about the stage */
              detail: string | null;
              /** @description age in seconds of the newest data the stage processed (a stored figure aged to now) */
              freshness_seconds: number | null;
              /** @description the stage's own verdict (null when unknown) */
              healthy: boolean | null;
              /** @description input rate of the last batch */
              input_rows_per_second: number | null;
              /** @description records waiting upstream of the stage */
              lag_records: number | null;
              /**
               * Format: date-time
               * @description when the stage last completed a batch
               */
              last_batch_at: string | null;
              /**
               * @description where the figures come from: serving.pipeline_stage, the stage's /health, or nowhere (down)
               * @enum {string}
               */
              source: "table" | "health" | "none";
              /** @description the stage's service name (bronze-writer, …, loader) */
              stage: string;
              /**
               * Format: date-time
               * @description when these figures were taken
               */
              updated_at: string | null;
            }[];
          };
        };
      };
    };
  };
  getStream: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Bad request, unknown resource, or rate limited (problem+json) */
      "4XX": {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": {
            /** @enum {string} */
            code:
              | "API_ERR_VALIDATION"
              | "API_ERR_RANGE"
              | "API_ERR_CURSOR"
              | "API_ERR_UNAUTHORIZED"
              | "API_ERR_FORBIDDEN"
              | "API_ERR_NOT_FOUND"
              | "API_ERR_METHOD_NOT_ALLOWED"
              | "API_ERR_CONFLICT"
              | "API_ERR_RATE_LIMITED"
              | "API_ERR_UNAVAILABLE"
              | "API_ERR_INTERNAL";
            /** @description what was wrong, for a person */
            detail: string;
            /** @description the request path */
            instance: string;
            requestId: string;
            status: number;
            title: string;
            /** @description URI naming the problem type */
            type: string;
          };
        };
      };
      /** @description Server or dependency failure (problem+json) */
      "5XX": {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": {
            /** @enum {string} */
            code:
              | "API_ERR_VALIDATION"
              | "API_ERR_RANGE"
              | "API_ERR_CURSOR"
              | "API_ERR_UNAUTHORIZED"
              | "API_ERR_FORBIDDEN"
              | "API_ERR_NOT_FOUND"
              | "API_ERR_METHOD_NOT_ALLOWED"
              | "API_ERR_CONFLICT"
              | "API_ERR_RATE_LIMITED"
              | "API_ERR_UNAVAILABLE"
              | "API_ERR_INTERNAL";
            /** @description what was wrong, for a person */
            detail: string;
            /** @description the request path */
            instance: string;
            requestId: string;
            status: number;
            title: string;
            /** @description URI naming the problem type */
            type: string;
          };
        };
      };
      /** @description an endless text/event-stream; each message is one StreamEvent */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "text/event-stream":
            | {
                /** @description JSON: when the stream started */
                data: string;
                /** @enum {string} */
                event: "ready";
              }
            | {
                /** @description JSON: the kpi_minute row */
                data: string;
                /** @enum {string} */
                event: "kpi";
              }
            | {
                /** @description JSON: the alert */
                data: string;
                /** @enum {string} */
                event: "alert";
              };
        };
      };
    };
  };
}

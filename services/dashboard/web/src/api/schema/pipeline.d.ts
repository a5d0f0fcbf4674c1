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
     * @description A `ready` message first, then a `kpi` message per added or changed serving.kpi_minute row and an `alert` message per raised or changed alert, each `data` one JSON object; a comment line every 15 s keeps proxies from closing the stream. After a reconnect, refetch /v1/kpis and /v1/alerts for what was missed. 503 when Postgres cannot be reached.
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
                data: {
                  /**
                   * Format: date-time
                   * @description when the stream started listening
                   */
                  at: string;
                };
                /** @enum {string} */
                event: "ready";
              }
            | {
                /** KpiMinute */
                data: {
                  /** @description count of add_to_cart events */
                  add_to_carts: number;
                  /** @description revenue_usd / purchases (null when 0) */
                  aov_usd: number | null;
                  /** @description count of checkout_started events */
                  checkouts: number;
                  /** @description purchases / unique_sessions (null when 0) */
                  conversion_rate: number | null;
                  /** @description count of events */
                  events: number;
                  /** @description true once gold's final value replaced the provisional one */
                  is_final: boolean;
                  /**
                   * Format: date-time
                   * @description the newest event time the row counts, from the provisional stream (null when only gold wrote the row); now minus it is how old the newest visible event is
                   */
                  max_event_ts: string | null;
                  /** @description count of page_view events */
                  page_views: number;
                  /** @description payment_failures / (purchases + payment_failures) (null when 0) */
                  payment_failure_rate: number | null;
                  /** @description count of payment_failed events */
                  payment_failures: number;
                  /** @description count of product_view events */
                  product_views: number;
                  /** @description count of purchase events */
                  purchases: number;
                  /** @description count of remove_from_cart events */
                  remove_from_carts: number;
                  /** @description sum of order_total x rate(currency) over purchases */
                  revenue_usd: number;
                  /** @enum {string} */
                  source: "provisional" | "gold";
                  /** @description distinct session_id (approximate within 2% allowed) */
                  unique_sessions: number;
                  /** @description distinct user_id (approximate within 2% allowed) */
                  unique_users: number;
                  /**
                   * Format: date-time
                   * @description when the row last changed
                   */
                  updated_at: string;
                  /**
                   * Format: date-time
                   * @description end of the UTC minute (exclusive)
                   */
                  window_end: string;
                  /**
                   * Format: date-time
                   * @description start of the UTC minute (inclusive)
                   */
                  window_start: string;
                };
                /** @enum {string} */
                event: "kpi";
              }
            | {
                /** Alert */
                data: {
                  /**
                   * Format: date-time
                   * @description when the alert was raised
                   */
                  created_at: string;
                  expected: number | null;
                  id: number;
                  /** @enum {string} */
                  kind: "business" | "data_quality";
                  /**
                   * Format: date-time
                   * @description when the detector last saw the anomaly
                   */
                  last_seen_at: string;
                  message: string;
                  /** @description detector method that raised it */
                  method: string;
                  metric: string;
                  observed: number | null;
                  score: number | null;
                  /** @enum {string} */
                  severity: "info" | "warning" | "critical";
                  /** @enum {string} */
                  status: "open" | "acknowledged" | "resolved";
                  /**
                   * Format: date-time
                   * @description when the alert last changed
                   */
                  updated_at: string;
                  /**
                   * Format: date-time
                   * @description the minute the anomaly was observed in
                   */
                  window_start: string;
                };
                /** @enum {string} */
                event: "alert";
              };
        };
      };
    };
  };
}

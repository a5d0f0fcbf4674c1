// Generated from services/api/openapi.json by `npm run types -w @ecomstream/dashboard`. Do not edit.
export interface paths {
  "/health": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness: the process answers */
    get: operations["getHealth"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/metrics": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Prometheus metrics (text exposition format) */
    get: operations["getMetrics"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/ready": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Readiness: Postgres reachable and every migration applied (503 otherwise) */
    get: operations["getReady"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/alerts": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Alerts, newest first, with cursor pagination */
    get: operations["listAlerts"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/alerts/{id}/acknowledge": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Mark an alert acknowledged (needs x-api-key)
     * @description open -> acknowledged; acknowledging an acknowledged alert changes nothing; a resolved one is 409.
     */
    post: operations["acknowledgeAlert"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/alerts/{id}/resolve": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Mark an alert resolved (needs x-api-key)
     * @description open or acknowledged -> resolved; resolving a resolved alert changes nothing.
     */
    post: operations["resolveAlert"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/kpis": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * KPI time series rolled up server-side
     * @description Counts and revenue are summed over each bucket and the ratios recomputed from the sums (aov = revenue/purchases, payment_failure_rate = failures/(purchases+failures), conversion = purchases/unique_sessions). Distinct users and sessions of a bucket are the sum of the per-minute values, an upper bound, so a bucket's conversion is a lower bound. Ranges: at most 7 days at 1m, 14 days at 5m, 31 days at 15m and 1h.
     */
    get: operations["getKpis"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/kpis/latest": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The newest minute, with the last hour next to the hour before */
    get: operations["getKpisLatest"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/lake": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Per lake layer: files, bytes, partitions and their age, and the last compaction
     * @description Figures come from serving.lake_table, which the lake-ops service rewrites every minute: the data files readers read (committed by the streaming sinks, less those a compaction superseded, plus those it wrote). Every layer is listed; one lake-ops has not measured yet has zeros and `updated_at` null. Ages are seconds from the start of a partition's hour to now.
     */
    get: operations["getLake"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/lake/partitions": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One layer's hour partitions: files, bytes, compacted, age
     * @description From serving.lake_partition (kept by lake-ops). `from` is floored and `to` ceiled to the hour; default: the 24 hours before now. At most 31 days; an inverted or wider range is 400.
     */
    get: operations["getLakePartitions"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
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
  "/v1/quality": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Records, valid, quarantined by reason, duplicates and late records per bucket
     * @description Buckets of ingest time; same range rules as /v1/kpis.
     */
    get: operations["getQuality"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/quality/samples": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Recent quarantined records, read from the lake through Spark
     * @description Newest first; an empty list while the lake holds no quarantine. 503 when Spark is down.
     */
    get: operations["getQualitySamples"];
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
  getHealth: {
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
      /** @description alive */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /**
             * @description as every service's /health
             * @enum {boolean}
             */
            healthy: true;
            /** @enum {string} */
            status: "ok";
          };
        };
      };
    };
  };
  getMetrics: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Prometheus text format */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "text/plain": string;
        };
      };
    };
  };
  getReady: {
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
      /** @description ready */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description migrations applied */
            migrations: number;
            /** @enum {string} */
            status: "ready";
          };
        };
      };
    };
  };
  listAlerts: {
    parameters: {
      query?: {
        /** @description opaque, from nextCursor */
        cursor?: string;
        /** @description window_start at or after */
        from?: string;
        limit?: number;
        metric?: string;
        severity?: "info" | "warning" | "critical";
        status?: "open" | "acknowledged" | "resolved";
        /** @description window_start before */
        to?: string;
      };
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
      /** @description one page of alerts */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description newest window_start first, then highest id */
            items: {
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
            }[];
            /** @description pass as `cursor` for the next page */
            nextCursor: string | null;
          };
        };
      };
    };
  };
  acknowledgeAlert: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description alert id: a positive integer, at most 16 digits
         * @example 42
         */
        id: string;
      };
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
      /** @description the alert, now acknowledged */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
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
        };
      };
    };
  };
  resolveAlert: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description alert id: a positive integer, at most 16 digits
         * @example 42
         */
        id: string;
      };
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
      /** @description the alert, now resolved */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
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
        };
      };
    };
  };
  getKpis: {
    parameters: {
      query?: {
        /** @description start (inclusive), floored to the step; default: `to` minus one hour */
        from?: string;
        /** @description bucket width (default 1m) */
        step?: "1m" | "5m" | "15m" | "1h";
        /** @description end (exclusive), ceiled to the step; default: now */
        to?: string;
      };
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
      /** @description buckets, oldest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description buckets with at least one minute, oldest first */
            buckets: {
              /** @description sum over the bucket: count of add_to_cart events */
              add_to_carts: number;
              /** @description revenue_usd / purchases over the bucket (null when 0) */
              aov_usd: number | null;
              /** @description sum over the bucket: count of checkout_started events */
              checkouts: number;
              /** @description purchases / unique_sessions over the bucket (null when 0); a lower bound */
              conversion_rate: number | null;
              /** @description sum over the bucket: count of events */
              events: number;
              /** @description true when every minute of the bucket is final */
              is_final: boolean;
              /** @description minutes of the bucket present in kpi_minute */
              minutes: number;
              /** @description sum over the bucket: count of page_view events */
              page_views: number;
              /** @description payment_failures / (purchases + payment_failures) over the bucket (null when 0) */
              payment_failure_rate: number | null;
              /** @description sum over the bucket: count of payment_failed events */
              payment_failures: number;
              /** @description sum over the bucket: count of product_view events */
              product_views: number;
              /** @description sum over the bucket: count of purchase events */
              purchases: number;
              /** @description sum over the bucket: count of remove_from_cart events */
              remove_from_carts: number;
              /** @description sum of the minutes' revenue_usd */
              revenue_usd: number;
              /** @description sum of the per-minute distinct sessions: an upper bound of the bucket's distinct sessions */
              unique_sessions: number;
              /** @description sum of the per-minute distinct users: an upper bound of the bucket's distinct users */
              unique_users: number;
              /**
               * Format: date-time
               * @description end of the bucket (exclusive)
               */
              window_end: string;
              /**
               * Format: date-time
               * @description start of the bucket (inclusive)
               */
              window_start: string;
            }[];
            /**
             * Format: date-time
             * @description effective start (floored to the step)
             */
            from: string;
            /** @enum {string} */
            step: "1m" | "5m" | "15m" | "1h";
            /**
             * Format: date-time
             * @description effective end (ceiled to the step, exclusive)
             */
            to: string;
          };
        };
      };
    };
  };
  getKpisLatest: {
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
      /** @description latest values */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            lastHour: {
              /** @description sum over the bucket: count of add_to_cart events */
              add_to_carts: number;
              /** @description revenue_usd / purchases over the bucket (null when 0) */
              aov_usd: number | null;
              /** @description sum over the bucket: count of checkout_started events */
              checkouts: number;
              /** @description purchases / unique_sessions over the bucket (null when 0); a lower bound */
              conversion_rate: number | null;
              /** @description sum over the bucket: count of events */
              events: number;
              /** @description true when every minute of the bucket is final */
              is_final: boolean;
              /** @description minutes of the bucket present in kpi_minute */
              minutes: number;
              /** @description sum over the bucket: count of page_view events */
              page_views: number;
              /** @description payment_failures / (purchases + payment_failures) over the bucket (null when 0) */
              payment_failure_rate: number | null;
              /** @description sum over the bucket: count of payment_failed events */
              payment_failures: number;
              /** @description sum over the bucket: count of product_view events */
              product_views: number;
              /** @description sum over the bucket: count of purchase events */
              purchases: number;
              /** @description sum over the bucket: count of remove_from_cart events */
              remove_from_carts: number;
              /** @description sum of the minutes' revenue_usd */
              revenue_usd: number;
              /** @description sum of the per-minute distinct sessions: an upper bound of the bucket's distinct sessions */
              unique_sessions: number;
              /** @description sum of the per-minute distinct users: an upper bound of the bucket's distinct users */
              unique_users: number;
              /**
               * Format: date-time
               * @description end of the bucket (exclusive)
               */
              window_end: string;
              /**
               * Format: date-time
               * @description start of the bucket (inclusive)
               */
              window_start: string;
            } | null;
            minute: {
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
            } | null;
            previousHour: {
              /** @description sum over the bucket: count of add_to_cart events */
              add_to_carts: number;
              /** @description revenue_usd / purchases over the bucket (null when 0) */
              aov_usd: number | null;
              /** @description sum over the bucket: count of checkout_started events */
              checkouts: number;
              /** @description purchases / unique_sessions over the bucket (null when 0); a lower bound */
              conversion_rate: number | null;
              /** @description sum over the bucket: count of events */
              events: number;
              /** @description true when every minute of the bucket is final */
              is_final: boolean;
              /** @description minutes of the bucket present in kpi_minute */
              minutes: number;
              /** @description sum over the bucket: count of page_view events */
              page_views: number;
              /** @description payment_failures / (purchases + payment_failures) over the bucket (null when 0) */
              payment_failure_rate: number | null;
              /** @description sum over the bucket: count of payment_failed events */
              payment_failures: number;
              /** @description sum over the bucket: count of product_view events */
              product_views: number;
              /** @description sum over the bucket: count of purchase events */
              purchases: number;
              /** @description sum over the bucket: count of remove_from_cart events */
              remove_from_carts: number;
              /** @description sum of the minutes' revenue_usd */
              revenue_usd: number;
              /** @description sum of the per-minute distinct sessions: an upper bound of the bucket's distinct sessions */
              unique_sessions: number;
              /** @description sum of the per-minute distinct users: an upper bound of the bucket's distinct users */
              unique_users: number;
              /**
               * Format: date-time
               * @description end of the bucket (exclusive)
               */
              window_end: string;
              /**
               * Format: date-time
               * @description start of the bucket (inclusive)
               */
              window_start: string;
            } | null;
          };
        };
      };
    };
  };
  getLake: {
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
      /** @description every layer, in data-flow order */
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
            /** @description every layer, in data-flow order */
            layers: {
              /** @description bytes of those files */
              bytes: number;
              /** @description data files readers of the layer read */
              files: number;
              last_compaction: {
                /** @description seconds since it ran */
                age_seconds: number;
                /**
                 * Format: date-time
                 * @description when the compaction ran
                 */
                at: string;
                /** @description bytes of the compacted partitions after */
                bytes_after: number | null;
                /** @description bytes of the compacted partitions before */
                bytes_before: number | null;
                /** @description files of the compacted partitions after */
                files_after: number | null;
                /** @description files of the compacted partitions before */
                files_before: number | null;
              } | null;
              /**
               * @description the lake layer (table)
               * @enum {string}
               */
              layer: "bronze" | "silver" | "quarantine" | "gold";
              /**
               * Format: date-time
               * @description start of the newest hour partition
               */
              newest_partition: string | null;
              /** @description seconds since the newest partition's hour began */
              newest_partition_age_seconds: number | null;
              /**
               * Format: date-time
               * @description start of the oldest hour partition
               */
              oldest_partition: string | null;
              /** @description seconds since the oldest partition's hour began */
              oldest_partition_age_seconds: number | null;
              /** @description hour partitions */
              partitions: number;
              /**
               * Format: date-time
               * @description when lake-ops last measured the layer (null: not yet; the figures are then zero)
               */
              updated_at: string | null;
            }[];
            totals: {
              /** @description bytes over all layers */
              bytes: number;
              /** @description files over all layers */
              files: number;
              /** @description hour partitions over all layers */
              partitions: number;
            };
          };
        };
      };
    };
  };
  getLakePartitions: {
    parameters: {
      query: {
        /** @description start (inclusive), floored to the hour; default: `to` minus 24 hours */
        from?: string;
        /** @description the lake layer */
        layer: "bronze" | "silver" | "quarantine" | "gold";
        /** @description end (exclusive), ceiled to the hour; default: now */
        to?: string;
      };
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
      /** @description hour partitions, oldest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /**
             * Format: date-time
             * @description effective start (floored to the hour)
             */
            from: string;
            /** @enum {string} */
            layer: "bronze" | "silver" | "quarantine" | "gold";
            /** @description hour partitions in the range, oldest first */
            partitions: {
              /** @description seconds since the partition's hour began */
              age_seconds: number;
              /** @description bytes of those files */
              bytes: number;
              /** @description true when some of its files were written by a compaction */
              compacted: boolean;
              /** @description data files readers read */
              files: number;
              /**
               * Format: date-time
               * @description start of the hour partition
               */
              hour: string;
            }[];
            /**
             * Format: date-time
             * @description effective end (ceiled to the hour, exclusive)
             */
            to: string;
            /**
             * Format: date-time
             * @description when lake-ops last measured the layer (null: not yet)
             */
            updated_at: string | null;
          };
        };
      };
    };
  };
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
  getQuality: {
    parameters: {
      query?: {
        /** @description start (inclusive), floored to the step; default: `to` minus one hour */
        from?: string;
        /** @description bucket width (default 1m) */
        step?: "1m" | "5m" | "15m" | "1h";
        /** @description end (exclusive), ceiled to the step; default: now */
        to?: string;
      };
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
      /** @description buckets, oldest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description buckets with data, oldest first */
            buckets: {
              /** @description valid records dropped as duplicates of an event_id */
              duplicates: number;
              /** @description valid records that arrived after gold's streaming watermark */
              late: number;
              /** @description minutes of the bucket present */
              minutes: number;
              /** @description quarantined / records (null when 0) */
              quarantine_rate: number | null;
              /** @description records quarantined */
              quarantined: number;
              /** QuarantineByReason */
              quarantined_by_reason: {
                /** @description records quarantined for future_timestamp */
                future_timestamp: number;
                /** @description records quarantined for invalid_enum */
                invalid_enum: number;
                /** @description records quarantined for invalid_json */
                invalid_json: number;
                /** @description records quarantined for invalid_timestamp */
                invalid_timestamp: number;
                /** @description records quarantined for invalid_type */
                invalid_type: number;
                /** @description records quarantined for invalid_value */
                invalid_value: number;
                /** @description records quarantined for missing_field */
                missing_field: number;
                /** @description records quarantined for unsupported_schema_version */
                unsupported_schema_version: number;
              };
              /** @description records read from the topic (bronze) */
              records: number;
              /** @description records that passed validation */
              valid: number;
              /**
               * Format: date-time
               * @description end of the bucket (exclusive)
               */
              window_end: string;
              /**
               * Format: date-time
               * @description start of the bucket (ingest time, inclusive)
               */
              window_start: string;
            }[];
            /**
             * Format: date-time
             * @description effective start (floored to the step)
             */
            from: string;
            /** @enum {string} */
            step: "1m" | "5m" | "15m" | "1h";
            /**
             * Format: date-time
             * @description effective end (ceiled to the step, exclusive)
             */
            to: string;
          };
        };
      };
    };
  };
  getQualitySamples: {
    parameters: {
      query?: {
        limit?: number;
        /** @description only samples quarantined for this reason */
        reason?:
          | "invalid_json"
          | "missing_field"
          | "invalid_type"
          | "invalid_enum"
          | "invalid_value"
          | "invalid_timestamp"
          | "future_timestamp"
          | "unsupported_schema_version";
      };
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
      /** @description samples, newest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description newest ingest_ts first */
            items: {
              /** @description the offending field, where there is one */
              field: string | null;
              /**
               * Format: date-time
               * @description when bronze read it
               */
              ingest_ts: string | null;
              /**
               * Format: date-time
               * @description the Kafka record's timestamp
               */
              kafka_timestamp: string | null;
              key: string | null;
              offset: number | null;
              partition: number | null;
              /** @description the record's value as it came */
              raw_payload: string | null;
              reason: string;
              topic: string | null;
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

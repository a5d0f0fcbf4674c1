// Generated from services/api/openapi.json by `npm run types -w @ecomstream/dashboard`. Do not edit.
export interface paths {
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
}

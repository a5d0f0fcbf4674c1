// Generated from services/api/openapi.json by `npm run types -w @ecomstream/dashboard`. Do not edit.
export interface paths {
  "/v1/kpis/breakdown": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * KPI time series per country, device or category, rolled up server-side
     * @description From gold's kpi_dim_minute: the `limit` values of the dimension with the most events over the range, each with its buckets (counts and revenue summed; distinct sessions summed per minute, an upper bound). For every additive measure, the values of a dimension add up to /v1/kpis. Category rows only carry product_view/add_to_cart/remove_from_cart measures: on them events counts those events only, and checkouts, purchases, payment_failures and revenue_usd are null (other events have no category). Same range rules as /v1/kpis.
     */
    get: operations["getKpisBreakdown"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/products/top": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The products most viewed or most added to carts
     * @description From gold's product_hour, summed over the hours of the range (from floored and to ceiled to the hour; default the last 24 hours; at most 31 days). Distinct sessions are summed per hour, an upper bound.
     */
    get: operations["getTopProducts"];
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
  getKpisBreakdown: {
    parameters: {
      query: {
        /** @description what to break the KPIs down by */
        dimension: "country" | "device" | "category";
        /** @description start (inclusive), floored to the step; default: `to` minus one hour */
        from?: string;
        /** @description most values returned */
        limit?: number;
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
      /** @description values, most events first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @enum {string} */
            dimension: "country" | "device" | "category";
            /**
             * Format: date-time
             * @description effective start (floored to the step)
             */
            from: string;
            /** @description the `limit` values with the most events over the range, most first (ties by value) */
            series: {
              /** @description buckets with at least one minute, oldest first */
              buckets: {
                /** @description sum over the bucket: count of add_to_cart events */
                add_to_carts: number;
                /** @description sum over the bucket: count of checkout_started events (NULL on category rows) */
                checkouts: number | null;
                /** @description sum over the bucket: count of events; on category rows, of product_view, add_to_cart and remove_from_cart events */
                events: number;
                /** @description true when every minute of the bucket is final */
                is_final: boolean;
                /** @description minutes of the bucket present for this value */
                minutes: number;
                /** @description sum over the bucket: count of payment_failed events (NULL on category rows) */
                payment_failures: number | null;
                /** @description sum over the bucket: count of product_view events */
                product_views: number;
                /** @description sum over the bucket: count of purchase events (NULL on category rows) */
                purchases: number | null;
                /** @description sum over the bucket: sum of order_total x rate(currency) over purchases (NULL on category rows) */
                revenue_usd: number | null;
                /** @description sum of the per-minute distinct sessions: an upper bound of the bucket's distinct sessions */
                unique_sessions: number;
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
              /** @description a country code, device or category */
              dimension_value: string;
              /** @description events of this value over the whole range (the order) */
              events: number;
            }[];
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
  getTopProducts: {
    parameters: {
      query?: {
        /** @description the order (default views) */
        by?: "views" | "add_to_carts";
        /** @description start (inclusive), floored to the hour; default: `to` minus 24 hours */
        from?: string;
        /** @description most products returned */
        limit?: number;
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
      /** @description products, best first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @enum {string} */
            by: "views" | "add_to_carts";
            /**
             * Format: date-time
             * @description effective start (floored to the hour)
             */
            from: string;
            /** @description best first by `by` (ties by product_id) */
            items: {
              /** @description sum over the range: count of add_to_cart events */
              add_to_carts: number;
              /** @description the product */
              product_id: string;
              /** @description sum over the range: count of remove_from_cart events */
              remove_from_carts: number;
              /** @description sum of the per-hour distinct sessions: an upper bound of the range's distinct sessions */
              unique_sessions: number;
              /** @description sum over the range: count of product_view events */
              views: number;
            }[];
            /**
             * Format: date-time
             * @description effective end (ceiled to the hour, exclusive)
             */
            to: string;
          };
        };
      };
    };
  };
}

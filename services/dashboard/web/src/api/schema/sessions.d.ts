// Generated from services/api/openapi.json by `npm run types -w @ecomstream/dashboard`. Do not edit.
export interface paths {
  "/v1/funnel": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * How far sessions get: viewed_product -> added_to_cart -> started_checkout -> purchased
     * @description Sessions are counted where they start: those that started in [from, to) (from floored and to ceiled to the minute; default the last 24 hours; at most 31 days). From gold's sessions (Spark session windows per session_id with the gap ECOM_SESSION_GAP). A step counts the sessions that reached it and every earlier step (a session that purchased without viewing a product counts on no step), so counts never increase. rate = sessions / the previous step's sessions; the first step's rate is 1, or null when no session reached it; a rate after a step of 0 sessions is null. The steps include provisional sessions: a provisional session (is_final=false: the session gap ECOM_SESSION_GAP has not passed since its last event) may still grow: more events, a longer duration, later funnel steps, more revenue.
     */
    get: operations["getFunnel"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/sessions/summary": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Sessions: count, bounce rate, duration percentiles, conversion and revenue
     * @description Sessions are counted where they start: those that started in [from, to) (from floored and to ceiled to the minute; default the last 24 hours; at most 31 days). From gold's sessions (Spark session windows per session_id with the gap ECOM_SESSION_GAP). A bounce is a one-event session; conversion is sessions with a purchase over sessions. The figures include provisional sessions (provisional_sessions says how many): a provisional session (is_final=false: the session gap ECOM_SESSION_GAP has not passed since its last event) may still grow: more events, a longer duration, later funnel steps, more revenue.
     */
    get: operations["getSessionsSummary"];
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
  getFunnel: {
    parameters: {
      query?: {
        /** @description sessions started at or after this instant, floored to the minute; default: `to` minus 24 hours */
        from?: string;
        /** @description sessions started before this instant, ceiled to the minute; default: now */
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
      /** @description the funnel's steps in order */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /**
             * Format: date-time
             * @description effective start (floored to the minute)
             */
            from: string;
            /** @description of them, the provisional ones; a provisional session (is_final=false: the session gap ECOM_SESSION_GAP has not passed since its last event) may still grow: more events, a longer duration, later funnel steps, more revenue */
            provisional_sessions: number;
            /** @description every session that started in [from, to), whatever steps it reached */
            sessions: number;
            /** @description the steps in order: viewed_product -> added_to_cart -> started_checkout -> purchased */
            steps: {
              /** @description sessions / the previous step's sessions; on the first step 1 (null when it has no session); null when the previous step has no session */
              rate: number | null;
              /** @description sessions that reached this step and every earlier one (never more than the step before) */
              sessions: number;
              /**
               * @description the step
               * @enum {string}
               */
              step: "viewed_product" | "added_to_cart" | "started_checkout" | "purchased";
            }[];
            /**
             * Format: date-time
             * @description effective end (ceiled to the minute, exclusive)
             */
            to: string;
          };
        };
      };
    };
  };
  getSessionsSummary: {
    parameters: {
      query?: {
        /** @description sessions started at or after this instant, floored to the minute; default: `to` minus 24 hours */
        from?: string;
        /** @description sessions started before this instant, ceiled to the minute; default: now */
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
      /** @description the sessions' figures */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description bounced_sessions / sessions; null without sessions */
            bounce_rate: number | null;
            /** @description of them, sessions of a single event */
            bounced_sessions: number;
            /** @description purchased_sessions / sessions; null without sessions */
            conversion_rate: number | null;
            /**
             * Format: date-time
             * @description effective start (floored to the minute)
             */
            from: string;
            /** @description median of duration_seconds (interpolated, percentile_cont 0.5); null without sessions */
            median_duration_seconds: number | null;
            /** @description 90th percentile of duration_seconds (interpolated, percentile_cont 0.9); null without sessions */
            p90_duration_seconds: number | null;
            /** @description of them, the provisional ones; a provisional session (is_final=false: the session gap ECOM_SESSION_GAP has not passed since its last event) may still grow: more events, a longer duration, later funnel steps, more revenue */
            provisional_sessions: number;
            /** @description of them, sessions with a purchase */
            purchased_sessions: number;
            /** @description sum of the sessions' purchase revenue in USD */
            revenue_usd: number;
            /** @description sessions that started in [from, to) */
            sessions: number;
            /**
             * Format: date-time
             * @description effective end (ceiled to the minute, exclusive)
             */
            to: string;
          };
        };
      };
    };
  };
}

// Generated from services/api/openapi.json by `npm run types -w @ecomstream/dashboard`. Do not edit.
export interface paths {
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
     * Recent quarantined records, read from the lake through Spark (needs x-api-key)
     * @description Newest first; an empty list while the lake holds no quarantine. The raw payloads hold user and session ids, so the API key is needed. Answers come from one Spark query (the newest 100 of each reason), kept 10 s. 503 when Spark is down.
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
}

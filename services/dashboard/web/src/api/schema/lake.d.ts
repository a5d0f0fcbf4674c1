// Generated from services/api/openapi.json by `npm run types -w @ecomstream/dashboard`. Do not edit.
export interface paths {
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
}

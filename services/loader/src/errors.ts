import { EcomError, errorCodes } from "@ecomstream/runtime";

/** A KPI row (Kafka JSON or a gold row) that does not match kpi_minute; it is skipped, never loaded. */
export class InvalidKpiRowError extends EcomError {
  constructor(message: string) {
    super(errorCodes.usage, `invalid kpi_minute row: ${message}`, {
      fix: "the producer (gold-writer) and the contract's kpiMinuteColumns disagree; fix the producer",
    });
    this.name = "InvalidKpiRowError";
  }
}

/** Postgres refused or could not take a load; the loader retries, nothing is committed. */
export class ServingWriteError extends EcomError {
  constructor(what: string, cause: unknown) {
    super(errorCodes.unreachable, `cannot write ${what} to Postgres: ${(cause as Error)?.message ?? cause}`, {
      cause,
      fix: "check that Postgres runs (`./ecom status`), migrations are applied and ECOM_DATABASE_URL is right",
    });
    this.name = "ServingWriteError";
  }
}

/** The provisional KPI stream's Kafka consumer failed; it reconnects with backoff. */
export class KpiStreamError extends EcomError {
  constructor(message: string, cause: unknown) {
    super(errorCodes.unreachable, message, {
      cause,
      fix: "check that Kafka runs (`./ecom status`) and ECOM_KAFKA_BOOTSTRAP points at it",
    });
    this.name = "KpiStreamError";
  }
}

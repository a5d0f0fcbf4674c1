import { pino } from "pino";

export type Logger = pino.Logger;

/** A structured JSON logger for one component; level from ECOM_LOG_LEVEL (default info). */
export function createLogger(component: string): Logger {
  return pino({ level: process.env.ECOM_LOG_LEVEL ?? "info", base: { component } });
}

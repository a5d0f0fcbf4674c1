import type { EcomConfig } from "@ecomstream/runtime";
import type { StatePaths } from "../state.js";

export interface ProbeResult {
  healthy: boolean;
  /** Healthy but not doing all its work (e.g. a service skipping bad rows or retrying a failed pass). */
  degraded?: boolean;
  detail: string;
}

export interface ComponentContext {
  config: EcomConfig;
  paths: StatePaths;
}

/**
 * One box of the platform that `./ecom up` brings up. An embedded component is installed and started
 * by ecom; an external one (its endpoint variable set) is only probed.
 */
export interface Component {
  readonly name: string;
  readonly embedded: boolean;
  /** What a user connects to, e.g. localhost:9092 or a URL. */
  readonly endpoint: string;
  /** Ports the embedded component binds, checked before start. */
  readonly ports: readonly number[];
  /** The variable(s) that move those ports, named in a port-conflict error. */
  readonly portVariable: string;
  /** Downloads or prepares what the component (or its clients) need; idempotent and cached. */
  install(): Promise<void>;
  /** Starts the component if it is not running, and waits until it serves. */
  start(): Promise<void>;
  stop(): Promise<boolean>;
  /** A real protocol round trip, not just a TCP connect. */
  probe(): Promise<ProbeResult>;
}

import type { RpcClient } from "./rpc.js";

interface ConfigResponse {
  pairs?: Array<{ key: string; value?: string }>;
  warnings?: string[];
}

/** Session configuration (`spark.conf`): runtime SQL settings of this session. */
export class RuntimeConfig {
  constructor(private readonly rpc: RpcClient) {}

  async set(key: string, value: string | number | boolean): Promise<void> {
    await this.rpc.unary("Config", { operation: { set: { pairs: [{ key, value: String(value) }] } } });
  }

  /** The value of `key`; `fallback` when unset (throws a SparkError for unknown keys without one). */
  async get(key: string, fallback?: string): Promise<string | undefined> {
    const operation =
      fallback === undefined
        ? { get: { keys: [key] } }
        : { get_with_default: { pairs: [{ key, value: fallback }] } };
    const response = await this.rpc.unary<ConfigResponse>("Config", { operation });
    return response.pairs?.[0]?.value;
  }

  /** The value of `key`, or undefined when it has no value and no default. */
  async getOption(key: string): Promise<string | undefined> {
    const response = await this.rpc.unary<ConfigResponse>("Config", {
      operation: { get_option: { keys: [key] } },
    });
    return response.pairs?.[0]?.value;
  }

  async unset(key: string): Promise<void> {
    await this.rpc.unary("Config", { operation: { unset: { keys: [key] } } });
  }

  /** Every explicitly set value, optionally under a key prefix. */
  async getAll(prefix?: string): Promise<Record<string, string>> {
    const response = await this.rpc.unary<ConfigResponse>("Config", {
      operation: { get_all: prefix === undefined ? {} : { prefix } },
    });
    return Object.fromEntries((response.pairs ?? []).map((p) => [p.key, p.value ?? ""]));
  }
}

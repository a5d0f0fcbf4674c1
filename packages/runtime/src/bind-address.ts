import type { Reader } from "./config.js";

/** This machine only: the default of every listener the platform starts. */
export const loopbackAddress = "127.0.0.1";
/** Every interface: what ECOM_BIND_ADDRESS=0.0.0.0 asks for. */
export const everyInterface = "0.0.0.0";

/**
 * ECOM_BIND_ADDRESS: the address every listener of the platform binds. Only loopback or every
 * interface: the platform's own clients reach each part at `localhost`, which a listener bound to
 * one other interface would not answer.
 */
export function bindAddress(r: Reader): string {
  const value = r.string("ECOM_BIND_ADDRESS", loopbackAddress);
  if (value !== loopbackAddress && value !== everyInterface) {
    r.problems.push(
      `ECOM_BIND_ADDRESS=${value} must be ${loopbackAddress} (this machine only) or ${everyInterface} (every interface)`,
    );
    return loopbackAddress;
  }
  return value;
}

/** True when listeners bound to `address` answer this machine only. */
export function isLoopback(address: string): boolean {
  return address === loopbackAddress;
}

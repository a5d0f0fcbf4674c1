/** This machine only: the default of every listener the platform starts. */
export const loopbackAddress = "127.0.0.1";
/** Every interface: what ECOM_BIND_ADDRESS=0.0.0.0 asks for. */
export const everyInterface = "0.0.0.0";

/** True when listeners bound to `address` answer this machine only. */
export function isLoopback(address: string): boolean {
  return address === loopbackAddress;
}

import { createServer } from "node:net";

/** A TCP port nothing listens on right now (the kernel's pick on every interface, released at once). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "0.0.0.0", resolve);
  });
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== "object" || !address) throw new Error("the kernel gave no port");
  return address.port;
}

import { once } from "node:events";
import { createServer, type AddressInfo } from "node:net";

/** A TCP port on loopback that was free a moment ago (for a cluster bus, which Redis binds itself). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

import { startLoopbackServer, type LoopbackServer } from "./loopback-server.js";

export interface FakeDriverOptions {
  /** PUTs answered 202 before the 200 (default 2). */
  readonly createPolls?: number;
  /** DELETEs answered 202 before the 204 (default 1). */
  readonly deletePolls?: number;
  /** The bearer token it wants (default: any). */
  readonly token?: string;
  /** Status of every PUT instead of the create sequence, e.g. 400. */
  readonly putStatus?: number;
  /** Called on each contract request: an order log across fakes. */
  readonly onRequest?: (method: string, guresid: string) => void;
  /** Called with each PUT's body (the resource's inputs, as Humanitec sends them). */
  readonly onPutBody?: (body: unknown) => void;
}

/** Outputs a cache of the fake driver hands out (the password is a fixed test value). */
export const FAKE_PASSWORD = "fake-cache-password-0123456789";

/**
 * A stand-in for the driver deployed in the cluster (which cannot run here): a loopback server
 * that answers the contract as a slow cloud backend does, and `/readyz`.
 */
export async function startFakeDriver(options: FakeDriverOptions = {}): Promise<LoopbackServer> {
  const puts = new Map<string, number>();
  const deletes = new Map<string, number>();
  return startLoopbackServer((request) => {
    if (request.path === "/readyz") return { status: 200, body: { status: "ready" } };
    const guresid = request.path.replace(/^\//, "").replace(/\/$/, "");
    if (options.token !== undefined && request.headers.authorization !== `Bearer ${options.token}`) {
      return { status: 401, body: { error: "RES-110", message: "unauthenticated" } };
    }
    options.onRequest?.(request.method, guresid);
    if (request.method === "PUT") {
      options.onPutBody?.(request.body);
      if (options.putStatus !== undefined) {
        return {
          status: options.putStatus,
          body: { error: "RES-101", message: "driver.values.engine: bad" },
        };
      }
      const seen = (puts.get(guresid) ?? 0) + 1;
      puts.set(guresid, seen);
      if (seen <= (options.createPolls ?? 2)) return { status: 202, body: { status: "creating" } };
      return {
        status: 200,
        body: {
          id: guresid,
          type: "redis",
          resource: {
            values: { host: "master.fake.cache.amazonaws.com", port: 6379, tls: true },
            secrets: {
              username: "app",
              password: FAKE_PASSWORD,
              url: `rediss://app:${FAKE_PASSWORD}@host:6379`,
            },
          },
          manifests: [],
        },
      };
    }
    if (request.method === "DELETE") {
      const seen = (deletes.get(guresid) ?? 0) + 1;
      deletes.set(guresid, seen);
      return seen <= (options.deletePolls ?? 1)
        ? { status: 202, body: { status: "deleting" } }
        : { status: 204 };
    }
    return { status: 405 };
  });
}

import { startLoopbackServer, type LoopbackServer } from "./loopback-server.js";

export interface FakeHumanitecOptions {
  readonly org: string;
  readonly token: string;
  /** Ids that already exist: POST answers 409 for them. */
  readonly existing?: readonly string[];
}

/** A loopback stand-in for Humanitec's platform API that records every request. */
export function startFakeHumanitec(options: FakeHumanitecOptions): Promise<LoopbackServer> {
  const existing = new Set(options.existing ?? []);
  return startLoopbackServer((request) => {
    if (request.headers.authorization !== `Bearer ${options.token}`) {
      return { status: 401, body: { error: "API-401", message: "Invalid token" } };
    }
    const prefix = `/orgs/${options.org}/resources/`;
    if (!request.path.startsWith(prefix)) return { status: 404, body: { message: "Organization not found" } };
    const [collection, id] = request.path.slice(prefix.length).split("/");
    if (request.method === "GET" && id === undefined) return { status: 200, body: [] };
    if (request.method === "POST" && (collection === "drivers" || collection === "defs")) {
      const body = request.body as { id?: string };
      if (body.id && existing.has(body.id)) return { status: 409, body: { message: "already exists" } };
      if (body.id) existing.add(body.id);
      return { status: 200, body };
    }
    if (request.method === "PUT" && id !== undefined && existing.has(id))
      return { status: 200, body: request.body };
    return { status: 404, body: { message: "not found" } };
  });
}

import type { EngineNode } from "../engine/engine-node.js";
import type { XmlObject } from "../protocol/xml-response.js";

/** Where a client reaches one engine node: its own host and port, reachable from here. */
export const endpointShape = (node: Pick<EngineNode, "host" | "port"> | undefined): XmlObject | undefined =>
  node ? { Address: node.host, Port: node.port } : undefined;

import type { Engine } from "../engine/engine.js";
import type { XmlObject } from "../protocol/xml-response.js";

/** Where a client reaches the cache: the engine's own host and port, reachable from here. */
export const endpointShape = (backend: Engine | undefined): XmlObject | undefined =>
  backend ? { Address: backend.host, Port: backend.port } : undefined;

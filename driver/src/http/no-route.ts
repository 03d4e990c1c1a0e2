import type { Request } from "express";
import { DriverError } from "../errors.js";

/** The answer to a path the driver does not serve; `shown` hides what must not be echoed. */
export function noRoute(req: Request, basePath: string, shown: (path: string) => string): DriverError {
  const path = shown(req.originalUrl.split("?")[0] ?? "");
  return new DriverError("RES-109", `no route for ${req.method} ${path.slice(0, 100)}`, {
    fix: `resources live under ${basePath === "/" ? "" : basePath}/{guresid}`,
  });
}

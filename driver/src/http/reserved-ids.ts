import { DriverError } from "../errors.js";

/** What the driver serves at the root beside the contract routes (`metrics` is kept for operations). */
export const SERVICE_ROUTES = ["healthz", "readyz", "openapi.json", "metrics"] as const;

/**
 * Ids a new resource may not take: a fixed route answers there instead, so `PUT /healthz` would
 * create a resource no `GET` can show. The same set holds whatever the base paths, so an id valid
 * on one driver is valid on every other.
 */
export function reservedIds(seedBasePath: string): ReadonlySet<string> {
  const seedSegment = seedBasePath.split("/").find((part) => part !== "");
  return new Set<string>([...SERVICE_ROUTES, ...(seedSegment === undefined ? [] : [seedSegment])]);
}

/** Refuses to create a resource under a reserved id; deleting one made by an older driver still works. */
export function assertNotReserved(id: string, field: string, reserved: ReadonlySet<string>): void {
  if (!reserved.has(id)) return;
  throw new DriverError(
    "RES-103",
    `resource id ${JSON.stringify(id)} is reserved for the driver's own routes`,
    {
      field,
      fix: `use another id (Humanitec's GUResIDs never clash); reserved: ${[...reserved].join(", ")}`,
    },
  );
}

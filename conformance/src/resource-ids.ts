import { randomBytes } from "node:crypto";

/** A fresh GUResID shaped like Humanitec's: 40 lowercase hex characters, random, never reused. */
export function newResourceId(): string {
  return randomBytes(20).toString("hex");
}

/** Ids the contract's GUResID pattern `^[a-z0-9][a-z0-9-]+[a-z0-9]$` rejects, one per way of breaking it. */
export function invalidResourceIds(): { readonly label: string; readonly id: string }[] {
  const id = newResourceId();
  return [
    { label: "uppercase", id: `A${id.slice(1).toUpperCase()}` },
    { label: "underscore", id: `${id.slice(0, 20)}_${id.slice(21)}` },
    { label: "too short", id: id.slice(0, 2) },
    { label: "leading hyphen", id: `-${id.slice(1)}` },
  ];
}

import type { Request, Response } from "express";
import type { DriverError } from "../errors.js";
import { bodyTooLarge } from "./body-too-large.js";

/**
 * The 413 for a request whose headers declare a body over the limit, found before a byte of it is
 * read (body-parser would read the whole declared length first); the connection is closed after
 * the answer so the rest is never read either. Undefined for any other request. Called by the
 * app's first layer, before routing.
 */
export function declaredOversize(
  limitBytes: number,
): (req: Request, res: Response) => DriverError | undefined {
  return (req, res) => {
    const declared = req.headers["content-length"];
    if (declared === undefined || !(Number(declared) > limitBytes)) return undefined;
    res.setHeader("Connection", "close");
    return bodyTooLarge(limitBytes);
  };
}

import type { RequestHandler } from "express";
import { bodyTooLarge } from "./body-too-large.js";

/**
 * Answers 413 as soon as the headers declare a body over the limit, without reading a byte of it
 * (body-parser would read the whole declared length first), and closes the connection after the
 * answer so the rest is never read either.
 */
export function rejectDeclaredOversize(limitBytes: number): RequestHandler {
  return (req, res, next) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > limitBytes) {
      res.setHeader("Connection", "close");
      next(bodyTooLarge(limitBytes));
      return;
    }
    next();
  };
}

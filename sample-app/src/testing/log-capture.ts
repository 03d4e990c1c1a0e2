import { Writable } from "node:stream";
import type { Logger } from "pino";
import { createLogger } from "../logging/create-logger.js";

/** A debug-level logger whose JSON lines stay in memory, so tests can check what was logged. */
export interface LogCapture {
  readonly logger: Logger;
  text(): string;
  lines(): Array<Record<string, unknown>>;
}

export function captureLogs(): LogCapture {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger("debug", stream);
  const text = () => chunks.join("");
  return {
    logger,
    text,
    lines: () =>
      text()
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

import { LRUCache } from "lru-cache";
import type { InputData } from "./input-data.js";
import { parseInputData } from "./parse-input-data.js";
import { parseJsonText } from "./parse-json-text.js";

/** A parsed body, made read-only: one object answers every poll that sends the same bytes. */
function deepFreeze<T>(value: T): T {
  // Primitives and null count as frozen: only objects (and arrays) are walked.
  if (!Object.isFrozen(value)) {
    for (const key of Object.keys(value as object)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

/**
 * Humanitec polls by repeating the same PUT with the same body while a deployment runs. The
 * InputData parsed from a body is remembered by the body's exact text, so a repeated poll skips
 * JSON parsing and validation, and the lifecycle's config hash (kept per parsed object) is computed
 * once too. Bodies that fail parsing or validation are never remembered. Memory is bounded by the
 * remembered text.
 */
export class InputDataCache {
  readonly #parsed: LRUCache<string, InputData>;

  constructor(maxBytes = 4 * 1024 * 1024) {
    this.#parsed = new LRUCache({
      maxSize: maxBytes,
      sizeCalculation: (_value, text) => Math.max(1, text.length),
    });
  }

  /**
   * The InputData of a body's text (undefined or empty: no body). A text seen before is neither
   * parsed as JSON nor validated again.
   */
  parse(text: string | undefined): InputData {
    if (text === undefined || text.length === 0) return parseInputData(undefined);
    let input = this.#parsed.get(text);
    if (input === undefined) {
      input = deepFreeze(parseInputData(parseJsonText(text)));
      this.#parsed.set(text, input);
    }
    return input;
  }
}

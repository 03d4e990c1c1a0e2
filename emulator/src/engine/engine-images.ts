import type { Engine } from "../model/identifiers.js";

/** The engine and version a cache asked for: `EngineVersion` (e.g. `7.1`) or `MajorEngineVersion` (`8`). */
export interface RequestedEngine {
  readonly engine: Engine;
  readonly version: string;
}

/** Container images by `engine:major`, e.g. `valkey:8` → `valkey/valkey:8`. */
export type EngineImages = ReadonlyMap<string, string>;

const ENGINES: readonly Engine[] = ["redis", "valkey"];

/** The major version of an ElastiCache engine version: `7` of `7.1`, `8` of `8`. */
export const majorOf = (version: string): string => version.split(".", 1)[0] ?? version;

const keyOf = (requested: RequestedEngine): string => `${requested.engine}:${majorOf(requested.version)}`;

/**
 * Reads `EMULATOR_ENGINE_IMAGES`: comma-separated `engine:major=image` entries, e.g.
 * `valkey:8=valkey/valkey:8,valkey:7=valkey/valkey:7.2,redis:7=redis:7`. Throws an Error naming
 * the entry and the fix for anything else.
 */
export function parseEngineImages(spec: string): EngineImages {
  const images = new Map<string, string>();
  for (const raw of spec.split(",")) {
    const entry = raw.trim();
    if (entry === "") continue;
    const match = /^(\w+):(\d+)=(\S+)$/.exec(entry);
    if (!match) {
      throw new Error(
        `"${entry}" is not engine:major=image; write e.g. valkey:8=valkey/valkey:8 (entries separated by commas)`,
      );
    }
    const [, engine = "", major = "", image = ""] = match;
    if (!ENGINES.includes(engine as Engine)) {
      throw new Error(`"${entry}" names engine "${engine}"; the engines are ${ENGINES.join(" and ")}`);
    }
    const key = `${engine}:${major}`;
    if (images.has(key)) throw new Error(`${key} is listed twice; keep one image for it`);
    images.set(key, image);
  }
  return images;
}

/**
 * The image that runs `requested` in the container runtime: the one listed for its engine and
 * major version, else `fallback` (the runtime's one image, and the cache's `created` event then
 * says that what runs is not what was asked for).
 */
export function imageFor(images: EngineImages, requested: RequestedEngine, fallback: string): string {
  return images.get(keyOf(requested)) ?? fallback;
}

/**
 * Whether the engines run what was asked: the same engine and major version. `runs` is what the
 * engine's INFO says, e.g. `Valkey 8.0.1` or `Redis OSS 7.0.15`.
 */
export function runsAsRequested(requested: RequestedEngine, runs: string): boolean {
  const found = /^(Valkey|Redis OSS) (\d+)\./.exec(runs);
  if (!found) return false;
  const engine: Engine = found[1] === "Valkey" ? "valkey" : "redis";
  return engine === requested.engine && found[2] === majorOf(requested.version);
}

/** The part of a `created` event that says what was asked for and what runs. */
export function describeEngines(requested: RequestedEngine, runs: string | undefined): string {
  const asked = `${requested.engine} ${requested.version} requested`;
  if (runs === undefined) return `${asked}; its engines run nothing`;
  if (runsAsRequested(requested, runs)) return `${asked}; its engines run ${runs}`;
  return `${asked}; its engines run ${runs}, not ${requested.engine} ${majorOf(requested.version)}`;
}

import type { DriverInputs } from "../../inputs/driver-inputs.js";
import type { Operation } from "../provisioner.js";

type Deployment = DriverInputs["deployment"];

/** How many recent durations count, per deployment and operation, and for the backend's pace. */
const KEEP = 5;

/**
 * What one driver process saw its ElastiCache backend take, so that progress hints follow that
 * backend rather than AWS's typical times alone: a Region under load, a small cache, or a local
 * endpoint that answers in a second all differ from them.
 *
 * - An operation seen before (same deployment and operation): the median of its last durations.
 * - One not seen yet: the typical time, scaled by the backend's pace (the median of observed ÷
 *   typical over every operation seen), so a backend ten times faster on create is taken to be
 *   faster on delete too.
 * - Nothing seen yet: the typical time.
 */
export class ObservedDurations {
  readonly #seconds = new Map<string, number[]>();
  readonly #paces: number[] = [];

  /** An operation finished after `seconds`; `typicalSeconds` is what was expected of it. */
  record(deployment: Deployment, operation: Operation, seconds: number, typicalSeconds: number): void {
    if (!(seconds >= 0) || !(typicalSeconds > 0)) return;
    keepLast(this.#seconds, `${deployment}/${operation}`, seconds);
    this.#paces.push(seconds / typicalSeconds);
    if (this.#paces.length > KEEP) this.#paces.shift();
  }

  /** The expected duration in whole seconds, at least 1. */
  estimate(deployment: Deployment, operation: Operation, typicalSeconds: number): number {
    const seen = this.#seconds.get(`${deployment}/${operation}`);
    const seconds =
      seen !== undefined
        ? median(seen)
        : this.#paces.length > 0
          ? typicalSeconds * median(this.#paces)
          : typicalSeconds;
    return Math.max(1, Math.ceil(seconds));
  }
}

function keepLast(map: Map<string, number[]>, key: string, value: number): void {
  const values = map.get(key) ?? [];
  values.push(value);
  if (values.length > KEEP) values.shift();
  map.set(key, values);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

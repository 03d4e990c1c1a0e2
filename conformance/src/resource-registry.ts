/**
 * How the run left one resource id. deleted: the driver confirmed it gone; left-behind: the driver
 * acknowledged it and never confirmed its deletion; never-created: the driver never acknowledged it,
 * so there is nothing to leave behind; unconfirmed: the deletion's answer cannot be trusted (a 2020
 * DELETE answered 404 while the create it would undo was abandoned unanswered).
 */
export type TeardownOutcome = "deleted" | "left-behind" | "never-created" | "unconfirmed";

export interface TeardownResult {
  readonly id: string;
  readonly outcome: TeardownOutcome;
  readonly detail: string;
  /** Every backend instance the driver's answers named for this id (e.g. `bucket=b-1`). */
  readonly identities?: readonly string[];
}

/** Deletes one resource, waiting for the driver to finish; resolves with how it went. */
export type TeardownAction = () => Promise<TeardownResult>;

/**
 * Every resource id the run may have created, so teardown can delete what is left even when checks
 * fail or the run is interrupted. Ids are tracked before the request that could create them is sent.
 */
export class ResourceRegistry {
  readonly #pending = new Map<string, TeardownAction>();
  /** Last result per id: a resource left behind by an early release is tried again at teardown. */
  readonly #results = new Map<string, TeardownResult>();

  track(id: string, teardown: TeardownAction): void {
    if (!this.#pending.has(id)) this.#pending.set(id, teardown);
  }

  /** The driver never took the request that could have created it. */
  forget(id: string): void {
    this.#pending.delete(id);
  }

  /** A check deleted the resource itself; teardown need not, and reports how it went. */
  settled(result: TeardownResult): void {
    this.#record(result);
  }

  /** Every result so far, one per id. */
  results(): TeardownResult[] {
    return [...this.#results.values()];
  }

  pending(): string[] {
    return [...this.#pending.keys()];
  }

  /** Deletes one tracked resource now (checks that create a resource of their own clean up early). */
  async release(id: string): Promise<TeardownResult | undefined> {
    const action = this.#pending.get(id);
    if (!action) return undefined;
    const result = await settle(id, action);
    this.#record(result);
    return result;
  }

  /** Deletes everything still tracked, in parallel; never throws. */
  async teardown(): Promise<TeardownResult[]> {
    await Promise.all(
      [...this.#pending].map(async ([id, action]) => {
        this.#record(await settle(id, action));
      }),
    );
    return [...this.#results.values()];
  }

  #record(result: TeardownResult): void {
    if (result.outcome !== "left-behind") this.#pending.delete(result.id);
    this.#results.set(result.id, result);
  }
}

async function settle(id: string, action: TeardownAction): Promise<TeardownResult> {
  try {
    return await action();
  } catch (error) {
    return { id, outcome: "left-behind", detail: error instanceof Error ? error.message : String(error) };
  }
}

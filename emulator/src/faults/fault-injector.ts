import { commonFaults, type AwsFault } from "../protocol/aws-fault.js";
import { NO_FAULTS, type FaultSettings } from "./fault-settings.js";

/** Applies the current fault settings to API calls and creates. Settings can change at any time. */
export class FaultInjector {
  #settings: FaultSettings;
  #pattern: RegExp | undefined;
  #calls = 0;

  constructor(settings: FaultSettings = NO_FAULTS) {
    this.#settings = settings;
    this.#pattern = compile(settings);
  }

  get settings(): FaultSettings {
    return this.#settings;
  }

  /** Replaces every setting; the throttling count starts again. */
  set(settings: FaultSettings): void {
    this.#settings = settings;
    this.#pattern = compile(settings);
    this.#calls = 0;
  }

  /**
   * The fault an API call gets before it runs, if any: AccessDenied for a denied action, else
   * Throttling on every Nth call. `denied` words the message like IAM's for that action.
   */
  beforeCall(action: string, denied: () => string): AwsFault | undefined {
    if (this.#settings.denyActions.includes(action)) return commonFaults.accessDenied(denied());
    this.#calls += 1;
    const every = this.#settings.throttleEvery;
    return every > 0 && this.#calls % every === 0 ? commonFaults.throttling() : undefined;
  }

  /** The event message of an injected create failure for `id`, or undefined. */
  createFailure(id: string): string | undefined {
    return this.#pattern?.test(id) ? this.#settings.createFailedMessage : undefined;
  }

  get slowCreateMs(): number {
    return this.#settings.slowCreateMs;
  }
}

const compile = (settings: FaultSettings): RegExp | undefined =>
  settings.createFailedPattern === undefined ? undefined : new RegExp(settings.createFailedPattern);

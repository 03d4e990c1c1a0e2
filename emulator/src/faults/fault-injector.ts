import { commonFaults, type AwsFault } from "../protocol/aws-fault.js";
import { NO_FAULTS, type CallSelection, type FaultSettings } from "./fault-settings.js";

/** A call held by `pauseActions`, as `GET /_emulator/held` lists it. */
export interface HeldCallView {
  id: number;
  action: string;
  /** The call's resource ids (see the request log); never a secret. */
  keys: Readonly<Record<string, string | readonly string[]>>;
  since: string;
}

/** How a held call ended its wait: let run, or answered Throttling without running, or timed out (run). */
export type HeldEnd = "release" | "throttle" | "timeout";

/** What the faults did to one call before it runs: a fault to answer, or nothing (it runs). */
export interface Admission {
  fault?: AwsFault;
  injected?: "denied" | "throttled" | "held";
  heldMs?: number;
  releasedBy?: HeldEnd;
}

interface HeldCall extends HeldCallView {
  release: (by: HeldEnd) => void;
}

/** Applies the current fault settings to API calls and creates. Settings can change at any time. */
export class FaultInjector {
  #settings: FaultSettings;
  #pattern: RegExp | undefined;
  #calls = 0;
  /** Calls of each action since the settings were set, and how many of them each fault chose. */
  #actionCalls = new Map<string, number>();
  #chosen = new Map<string, number>();
  #held = new Map<number, HeldCall>();
  #nextHeldId = 1;

  constructor(settings: FaultSettings = NO_FAULTS) {
    this.#settings = settings;
    this.#pattern = compile(settings);
  }

  get settings(): FaultSettings {
    return this.#settings;
  }

  /** Replaces every setting; the call counts start again and held calls run. */
  set(settings: FaultSettings): void {
    this.#settings = settings;
    this.#pattern = compile(settings);
    this.#calls = 0;
    this.#actionCalls.clear();
    this.#chosen.clear();
    this.release();
  }

  /**
   * What happens to an API call before it runs: AccessDenied for a denied action; Throttling on
   * every Nth call, or on the calls of the action that `throttleActions` chooses; else, when
   * `pauseActions` chooses it, the call waits until released or the pause times out. `denied`
   * words the AccessDenied message like IAM's for that action.
   */
  async admit(action: string, denied: () => string, keys: HeldCallView["keys"] = {}): Promise<Admission> {
    if (this.#settings.denyActions.includes(action)) {
      return { fault: commonFaults.accessDenied(denied()), injected: "denied" };
    }
    this.#calls += 1;
    const call = (this.#actionCalls.get(action) ?? 0) + 1;
    this.#actionCalls.set(action, call);
    const every = this.#settings.throttleEvery;
    if (
      (every > 0 && this.#calls % every === 0) ||
      this.#choose("throttle", action, call, this.#settings.throttleActions[action])
    ) {
      return { fault: commonFaults.throttling(), injected: "throttled" };
    }
    if (!this.#choose("pause", action, call, this.#settings.pauseActions[action])) return {};
    const started = Date.now();
    const releasedBy = await this.#hold(action, keys);
    const held = { injected: "held" as const, heldMs: Date.now() - started, releasedBy };
    return releasedBy === "throttle" ? { fault: commonFaults.throttling(), ...held } : held;
  }

  #choose(fault: string, action: string, call: number, selection: CallSelection | undefined): boolean {
    if (!selection || call <= selection.after || (call - selection.after) % selection.every !== 0) {
      return false;
    }
    const key = `${fault} ${action}`;
    const chosen = this.#chosen.get(key) ?? 0;
    if (selection.times !== undefined && chosen >= selection.times) return false;
    this.#chosen.set(key, chosen + 1);
    return true;
  }

  #hold(action: string, keys: HeldCallView["keys"]): Promise<HeldEnd> {
    return new Promise((resolve) => {
      const id = this.#nextHeldId++;
      const timer = setTimeout(() => held.release("timeout"), this.#settings.pauseTimeoutMs);
      timer.unref();
      const held: HeldCall = {
        id,
        action,
        keys,
        since: new Date().toISOString(),
        release: (by) => {
          clearTimeout(timer);
          this.#held.delete(id);
          resolve(by);
        },
      };
      this.#held.set(id, held);
    });
  }

  /** The calls held now, oldest first. */
  held(): HeldCallView[] {
    return [...this.#held.values()].map(({ id, action, keys, since }) => ({ id, action, keys, since }));
  }

  /**
   * Ends the wait of held calls — those of `action` or with `id` when given, else all — and
   * returns their ids. They run, or with `throttle` are answered Throttling and never run (a
   * client that gave up or died before its call reached AWS).
   */
  release(
    filter: { action?: string | undefined; id?: number | undefined; throttle?: boolean | undefined } = {},
  ): number[] {
    const chosen = [...this.#held.values()].filter(
      (call) =>
        (filter.action === undefined || call.action === filter.action) &&
        (filter.id === undefined || call.id === filter.id),
    );
    for (const call of chosen) call.release(filter.throttle === true ? "throttle" : "release");
    return chosen.map((call) => call.id);
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

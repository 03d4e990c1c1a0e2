import { randomBytes } from "node:crypto";
import { sentBearers } from "../credentials.js";
import { SkipCheck } from "../check.js";
import { CookieJar } from "../cookie-jar.js";
import { describeExchange, jsonOf, responseOf, statusOf, type Exchange } from "../exchange.js";
import { withChange, type DriverInputs } from "../inputs.js";
import { poll, type Operation } from "../polling.js";
import { newResourceId } from "../resource-ids.js";
import type { TeardownResult } from "../resource-registry.js";
import { sensitiveLeaves, uniqueSensitive, type Sensitive } from "../secrets.js";
import { identityOf } from "../resource-types.js";
import { isPlainObject } from "../shapes/json.js";
import type { ObservedOutput, ReadyOutputs, Suite, SuiteEnv } from "./suite.js";
import { exchangesTo, withIdentities } from "./teardown-identities.js";
import { inputData, V09Session, type CookieMode, type SessionRequestOptions } from "./v09-session.js";

/** The main test resource: created once, shared by the checks that need a resource. */
export interface MainResource {
  readonly session: V09Session;
  readonly body: Record<string, unknown>;
  /** The first PUT and every repeat until a terminal answer. */
  readonly create: Operation;
  /** A PUT with the conflict inputs sent after the first 202, or why none was sent. */
  readonly conflictProbe: Exchange | string;
  /** A GET sent after the first 202, or why none was sent. */
  readonly getProbe: Exchange | string;
}

export interface ReadyResource {
  readonly session: V09Session;
  readonly body: Record<string, unknown>;
  /** The OutputData of the 200 that ended the create. */
  readonly outputs: Record<string, unknown>;
  readonly exchange: Exchange;
}

/** State shared by the v0.9 checks: the main resource, the cookie jar, and helpers to poll. */
export class V09Suite implements Suite {
  readonly profile = "v0.9" as const;
  readonly jar = new CookieJar();
  #main: Promise<MainResource> | undefined;
  #deleted: Promise<Operation> | undefined;
  #cookieProbes: Promise<CookieProbes> | undefined;
  #recreated: Promise<Recreated> | undefined;

  constructor(readonly env: SuiteEnv) {}

  get inputs() {
    return this.env.options.inputs;
  }

  /** InputData for the test inputs, optionally with other driver inputs. */
  body(driver: DriverInputs = this.inputs.driver, type = this.inputs.type): Record<string, unknown> {
    // A resource type without inputs is still sent `resource: {}`, as Humanitec does.
    return inputData(type, this.inputs.resource === undefined ? {} : this.inputs.resource, driver);
  }

  changedBody(change: "update" | "conflict"): Record<string, unknown> {
    return this.body(withChange(this.inputs.driver, this.inputs[change]));
  }

  /** A session for a fresh GUResID, tracked for teardown before any request is sent. */
  newSession(): V09Session {
    return this.track(this.session(newResourceId()));
  }

  /** Registers a session's id for teardown. */
  track(session: V09Session): V09Session {
    this.env.registry.track(session.id, () => this.#teardown(session));
    return session;
  }

  /** A session for any id, not tracked. */
  session(id: string): V09Session {
    return new V09Session(id, this.env.client, this.jar);
  }

  /** Repeats the same PUT while it answers 202. */
  putUntilDone(
    session: V09Session,
    body: unknown,
    options: SessionRequestOptions & { first?: Exchange } = {},
  ): Promise<Operation> {
    return poll(() => session.put(body, options), this.#pollOptions(options.first));
  }

  /** Repeats the same DELETE while it answers 202; a 204 releases the id from teardown. */
  async deleteUntilDone(session: V09Session, options: SessionRequestOptions = {}): Promise<Operation> {
    const operation = await poll(() => session.delete(options), this.#pollOptions());
    if (statusOf(operation.final) === 204) {
      this.env.registry.settled({ id: session.id, outcome: "deleted", detail: "DELETE answered 204" });
    }
    return operation;
  }

  main(): Promise<MainResource> {
    this.#main ??= this.#createMain();
    return this.#main;
  }

  async mainReady(): Promise<ReadyResource> {
    const main = await this.main();
    const { final, gaveUp, elapsedMs } = main.create;
    if (gaveUp) {
      throw new SkipCheck(
        `needs a ready resource, but the create still answered 202 after ${seconds(elapsedMs)} (see PUT-200-READY)`,
      );
    }
    const response = responseOf(final);
    if (response?.status !== 200 || !isPlainObject(response.json)) {
      throw new SkipCheck(
        `needs a ready resource, but the create ended with ${describeExchange(final)} (see PUT-200-READY)`,
      );
    }
    return { session: main.session, body: main.body, outputs: response.json, exchange: final };
  }

  /** Deletes the main resource once (creating it first if no check has). */
  mainDeleted(): Promise<Operation> {
    this.#deleted ??= this.main().then((main) => this.deleteUntilDone(main.session));
    return this.#deleted;
  }

  /**
   * A resource of its own, made ready, then PUT without its cookie and with forged ones, then
   * deleted: what a lost or forged cookie does never touches the main resource.
   */
  cookieProbes(): Promise<CookieProbes> {
    this.#cookieProbes ??= this.#probeCookies();
    return this.#cookieProbes;
  }

  /** After the main resource was deleted, the same PUT again on its GUResID, polled to its end. */
  recreated(): Promise<Recreated> {
    this.#recreated ??= (async () => {
      const main = await this.main();
      this.track(main.session);
      let create: Operation;
      try {
        create = await this.putUntilDone(main.session, main.body);
      } catch (error) {
        await this.env.registry.release(main.session.id);
        throw error;
      }
      return { create, deletion: await this.env.registry.release(main.session.id) };
    })();
    return this.#recreated;
  }

  async exercise(): Promise<void> {
    await this.main().catch(() => undefined);
  }

  async readyOutputs(): Promise<ReadyOutputs> {
    const { outputs } = await this.mainReady();
    const resource = outputs.resource;
    if (!isPlainObject(resource) || !isPlainObject(resource.values) || !isPlainObject(resource.secrets)) {
      throw new SkipCheck(
        "the ready OutputData has no resource.values / resource.secrets objects (see OUT-VALUES-SECRETS-OBJECTS)",
      );
    }
    return { values: resource.values, secrets: resource.secrets };
  }

  /** Every 200 answer to a PUT or GET, with the GUResID it was about. */
  outputData(): { exchange: Exchange; id: string; body: Record<string, unknown> }[] {
    return this.env.log.all().flatMap((exchange) => {
      const response = responseOf(exchange);
      if (response?.status !== 200 || (exchange.method !== "PUT" && exchange.method !== "GET")) return [];
      const body = isPlainObject(response.json) ? response.json : {};
      return [{ exchange, id: decodeURIComponent(exchange.path.slice(1)), body }];
    });
  }

  observedOutputs(): ObservedOutput[] {
    return this.outputData().map(({ exchange, body }) => {
      const resource = isPlainObject(body.resource) ? body.resource : {};
      return { exchange, values: resource.values, secrets: resource.secrets };
    });
  }

  sensitive(): Sensitive[] {
    const { inputs, credentials } = this.env.options;
    return uniqueSensitive([
      ...sensitiveLeaves(inputs.driver.secrets, "sent driver.secrets"),
      ...sensitiveLeaves(inputs.update?.secrets ?? {}, "sent driver.secrets (update)"),
      ...sensitiveLeaves(inputs.conflict?.secrets ?? {}, "sent driver.secrets (conflict)"),
      ...sentBearers(credentials),
      ...this.observedOutputs().flatMap((output) =>
        sensitiveLeaves(output.secrets, "returned resource.secrets"),
      ),
    ]);
  }

  async #probeCookies(): Promise<CookieProbes> {
    const session = this.newSession();
    const body = this.body();
    try {
      const create = await this.putUntilDone(session, body);
      const response = responseOf(create.final);
      if (create.gaveUp || response?.status !== 200 || !isPlainObject(response.json)) {
        return {
          notReady: create.gaveUp
            ? `the probes' own resource still answered 202 after ${seconds(create.elapsedMs)}`
            : `the probes' own resource ended with ${describeExchange(create.final)}`,
          cookieSet: this.jar.everSet,
          probes: [],
        };
      }
      const ready: ReadyResource = { session, body, outputs: response.json, exchange: create.final };
      const real = this.jar.get(session.id);
      const modes: { label: string; cookie: CookieMode }[] = [
        { label: "without a cookie", cookie: "none" },
        { label: "with a random cookie", cookie: { forged: randomBytes(48).toString("base64url") } },
      ];
      if (real) modes.push({ label: "with a tampered copy of its cookie", cookie: { forged: tamper(real) } });
      const probes: CookieProbe[] = [];
      for (const { label, cookie } of modes) {
        probes.push({ label, cookie, operation: await this.putUntilDone(session, body, { cookie }) });
      }
      return { ready, cookieSet: this.jar.everSet, probes };
    } finally {
      await this.env.registry.release(session.id);
    }
  }

  async #createMain(): Promise<MainResource> {
    const session = this.newSession();
    const body = this.body();
    const first = await session.put(body);
    let conflictProbe: Exchange | string = `the first PUT answered ${describeExchange(first)}, not 202`;
    let getProbe: Exchange | string = conflictProbe;
    if (statusOf(first) === 202) {
      conflictProbe = !this.env.selected.has("PUT-409-CONFLICT")
        ? "PUT-409-CONFLICT is not selected"
        : this.inputs.conflict === undefined
          ? "the inputs have no `conflict` change"
          : await session.put(this.changedBody("conflict"));
      getProbe = this.env.selected.has("GET-202-IN-PROGRESS")
        ? await session.get()
        : "GET-202-IN-PROGRESS is not selected";
    }
    const create = await this.putUntilDone(session, body, { first });
    return { session, body, create, conflictProbe, getProbe };
  }

  /**
   * Teardown as it really went: the backend instances each id's answers named, and ids the driver
   * never acknowledged (no PUT answered 200, 202 or 409) reported as never created.
   */
  finishTeardown(results: readonly TeardownResult[]): TeardownResult[] {
    return results.map((result) => {
      const identities = this.identities(result.id);
      const acknowledged = exchangesTo(this.env.log.all(), "PUT", result.id).some((exchange) =>
        [200, 202, 409].includes(statusOf(exchange) ?? 0),
      );
      if (result.outcome === "left-behind" && !acknowledged) {
        return {
          ...result,
          outcome: "never-created",
          detail: `no PUT was ever acknowledged for this id; ${result.detail}`,
          identities,
        };
      }
      return withIdentities(result, identities, this.env.log.all(), "GUResID");
    });
  }

  /**
   * Backend instances named for one GUResID, in order seen: by its OutputData, and by any 202 or
   * 409 body that carries outputs it should not (a driver provisioning on every poll shows there).
   */
  identities(id: string): string[] {
    const seen = new Set<string>();
    const path = `/${encodeURIComponent(id)}`;
    for (const exchange of this.env.log.all()) {
      if (exchange.path !== path || exchange.method === "DELETE") continue;
      const body = jsonOf(exchange);
      const resource = isPlainObject(body) && isPlainObject(body.resource) ? body.resource : {};
      const identity = identityOf(this.inputs.type, resource.values);
      if (identity !== undefined) seen.add(identity);
    }
    return [...seen];
  }

  async #teardown(session: V09Session): Promise<TeardownResult> {
    const operation = await this.deleteUntilDone(session);
    if (statusOf(operation.final) === 204)
      return { id: session.id, outcome: "deleted", detail: "DELETE answered 204" };
    const detail = operation.gaveUp
      ? `DELETE still answered 202 after ${seconds(operation.elapsedMs)}`
      : `DELETE ended with ${describeExchange(operation.final)}`;
    return { id: session.id, outcome: "left-behind", detail };
  }

  #pollOptions(first?: Exchange) {
    const { pollIntervalMs, operationMs } = this.env.options;
    return {
      inProgress: (exchange: Exchange) => statusOf(exchange) === 202,
      intervalMs: pollIntervalMs,
      timeoutMs: operationMs,
      signal: this.env.signal(),
      ...(first === undefined ? {} : { first }),
    };
  }
}

/** A re-create after deletion, and how deleting it again went. */
export interface Recreated {
  readonly create: Operation;
  readonly deletion: TeardownResult | undefined;
}

export interface CookieProbe {
  readonly label: string;
  readonly cookie: CookieMode;
  readonly operation: Operation;
}

export interface CookieProbes {
  /** The ready probe resource; absent with `notReady` when it never became ready. */
  readonly ready?: ReadyResource;
  readonly notReady?: string;
  /** Whether the driver had set a cookie by the time the probes ran. */
  readonly cookieSet: boolean;
  readonly probes: readonly CookieProbe[];
}

/** A tampered copy: one character in the middle changed. */
export function tamper(cookie: string): string {
  const at = Math.floor(cookie.length / 2);
  const replacement = cookie[at] === "A" ? "B" : "A";
  return `${cookie.slice(0, at)}${replacement}${cookie.slice(at + 1)}`;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

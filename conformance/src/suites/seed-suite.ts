import { sentBearers } from "../credentials.js";
import { SkipCheck } from "../check.js";
import { describeExchange, jsonOf, responseOf, statusOf, type Exchange } from "../exchange.js";
import type { AuthMode } from "../http-client.js";
import type { DriverInputs } from "../inputs.js";
import { poll, type Operation } from "../polling.js";
import { newResourceId } from "../resource-ids.js";
import type { TeardownResult } from "../resource-registry.js";
import { sensitiveLeaves, uniqueSensitive, type Sensitive } from "../secrets.js";
import { identityOf } from "../resource-types.js";
import { isPlainObject } from "../shapes/json.js";
import type { ObservedOutput, ReadyOutputs, Suite, SuiteEnv } from "./suite.js";
import { withIdentities } from "./teardown-identities.js";
import { seconds } from "./v09-suite.js";

/** The seed-era driver answers "not done within my wait" with a 400 whose message asks to retry. */
const RETRY_MESSAGE = /\bretry\b|\btry again\b/i;

export function asksToRetry(exchange: Exchange): boolean {
  const body = jsonOf(exchange);
  return (
    statusOf(exchange) === 400 &&
    isPlainObject(body) &&
    typeof body.message === "string" &&
    RETRY_MESSAGE.test(body.message)
  );
}

export interface SeedMain {
  readonly id: string;
  readonly body: Record<string, unknown>;
  /** The POST, repeated while the driver asked to retry. */
  readonly create: Operation;
}

/** A re-create after deletion, and how deleting it again went. */
export interface Recreated {
  readonly create: Operation;
  readonly deletion: TeardownResult | undefined;
}

export interface SeedReady {
  readonly id: string;
  readonly body: Record<string, unknown>;
  readonly outputs: Record<string, unknown>;
  readonly exchange: Exchange;
}

/** State shared by the 2020-profile checks: `POST /` creates, `DELETE /{id}` deletes, synchronously. */
export class SeedSuite implements Suite {
  readonly profile = "2020" as const;
  #main: Promise<SeedMain> | undefined;
  #deleted: Promise<Operation> | undefined;
  #recreated: Promise<Recreated> | undefined;

  constructor(readonly env: SuiteEnv) {}

  get inputs() {
    return this.env.options.inputs;
  }

  postBody(id: string, overrides: { type?: string; driver?: DriverInputs } = {}): Record<string, unknown> {
    const driver = overrides.driver ?? this.inputs.driver;
    return {
      id,
      type: overrides.type ?? this.inputs.type,
      resource_params: this.inputs.resource ?? {},
      driver_params: driver.values,
      driver_secrets: driver.secrets,
    };
  }

  /** A fresh id, tracked for teardown before anything is sent. */
  newId(): string {
    const id = newResourceId();
    this.env.registry.track(id, () => this.#teardown(id));
    return id;
  }

  post(body: unknown, auth?: AuthMode): Promise<Exchange> {
    return this.env.client.send({ method: "POST", path: "/", body, ...(auth === undefined ? {} : { auth }) });
  }

  delete(id: string, auth?: AuthMode): Promise<Exchange> {
    const { type, driver } = this.inputs;
    return this.env.client.send({
      method: "DELETE",
      path: `/${encodeURIComponent(id)}`,
      headers: {
        "humanitec-resource-type": type,
        "humanitec-driver-params": base64Json(driver.values),
        "humanitec-driver-secrets": base64Json(driver.secrets),
      },
      ...(auth === undefined ? {} : { auth }),
    });
  }

  postUntilDone(body: unknown): Promise<Operation> {
    return poll(() => this.post(body), this.#pollOptions());
  }

  /** DELETE, repeated while the driver asks to retry; 204 or 404 releases the id from teardown. */
  async deleteUntilDone(id: string): Promise<Operation> {
    const operation = await poll(() => this.delete(id), this.#pollOptions());
    const status = statusOf(operation.final);
    if (status === 204 || status === 404) {
      this.env.registry.settled({ id, outcome: "deleted", detail: `DELETE answered ${status}` });
    }
    return operation;
  }

  main(): Promise<SeedMain> {
    this.#main ??= (async () => {
      const id = this.newId();
      const body = this.postBody(id);
      return { id, body, create: await this.postUntilDone(body) };
    })();
    return this.#main;
  }

  async mainReady(): Promise<SeedReady> {
    const { id, body, create } = await this.main();
    if (create.gaveUp) {
      throw new SkipCheck(
        `needs a created resource, but the POST still asked to retry after ${seconds(create.elapsedMs)}`,
      );
    }
    const response = responseOf(create.final);
    if (response?.status !== 200 || !isPlainObject(response.json)) {
      throw new SkipCheck(
        `needs a created resource, but the POST ended with ${describeExchange(create.final)} (see SEED-POST-200)`,
      );
    }
    return { id, body, outputs: response.json, exchange: create.final };
  }

  mainDeleted(): Promise<Operation> {
    this.#deleted ??= this.main().then(({ id }) => this.deleteUntilDone(id));
    return this.#deleted;
  }

  /** After the main resource was deleted, the same POST again, then deleted again. */
  recreated(): Promise<Recreated> {
    this.#recreated ??= (async () => {
      const { id, body } = await this.main();
      this.env.registry.track(id, () => this.#teardown(id));
      let create: Operation;
      try {
        create = await this.postUntilDone(body);
      } catch (error) {
        await this.env.registry.release(id);
        throw error;
      }
      return { create, deletion: await this.env.registry.release(id) };
    })();
    return this.#recreated;
  }

  async exercise(): Promise<void> {
    await this.main().catch(() => undefined);
  }

  async readyOutputs(): Promise<ReadyOutputs> {
    const { outputs } = await this.mainReady();
    const data = outputs.data;
    if (!isPlainObject(data) || !isPlainObject(data.values) || !isPlainObject(data.secrets)) {
      throw new SkipCheck("the POST answer has no data.values / data.secrets objects (see SEED-OUT-SHAPE)");
    }
    return { values: data.values, secrets: data.secrets };
  }

  /** Every 200 answer to a POST. */
  createAnswers(): { exchange: Exchange; body: Record<string, unknown> }[] {
    return this.env.log.all().flatMap((exchange) => {
      const response = responseOf(exchange);
      if (exchange.method !== "POST" || response?.status !== 200) return [];
      return [{ exchange, body: isPlainObject(response.json) ? response.json : {} }];
    });
  }

  observedOutputs(): ObservedOutput[] {
    return this.createAnswers().map(({ exchange, body }) => {
      const data = isPlainObject(body.data) ? body.data : {};
      return { exchange, values: data.values, secrets: data.secrets };
    });
  }

  sensitive(): Sensitive[] {
    const { inputs, credentials } = this.env.options;
    return uniqueSensitive([
      ...sensitiveLeaves(inputs.driver.secrets, "sent driver_secrets"),
      ...sentBearers(credentials),
      ...this.observedOutputs().flatMap((output) => sensitiveLeaves(output.secrets, "returned data.secrets")),
    ]);
  }

  /** The POSTs sent for one id (the id travels in the body). */
  postsFor(id: string): Exchange[] {
    return this.env.log.all().filter((exchange) => {
      if (exchange.method !== "POST" || exchange.requestBody === undefined) return false;
      try {
        const body: unknown = JSON.parse(exchange.requestBody);
        return isPlainObject(body) && body.id === id;
      } catch {
        return false;
      }
    });
  }

  identities(id: string): string[] {
    const seen = new Set<string>();
    for (const exchange of this.postsFor(id)) {
      const body = jsonOf(exchange);
      if (statusOf(exchange) !== 200 || !isPlainObject(body) || !isPlainObject(body.data)) continue;
      const identity = identityOf(this.inputs.type, body.data.values);
      if (identity !== undefined) seen.add(identity);
    }
    return [...seen];
  }

  /**
   * Teardown as it really went. A 404 to the DELETE of an id whose POST was abandoned (no answer, or
   * still asked to retry) proves nothing: a synchronous driver may still be creating it.
   */
  finishTeardown(results: readonly TeardownResult[]): TeardownResult[] {
    return results.map((result) => {
      const posts = this.postsFor(result.id);
      const identities = this.identities(result.id);
      const acknowledged = posts.some((exchange) => statusOf(exchange) === 200);
      const last = posts.at(-1);
      const abandoned = last !== undefined && (responseOf(last) === undefined || asksToRetry(last));
      if (!acknowledged && abandoned && result.outcome === "deleted" && result.detail.includes("404")) {
        return {
          ...result,
          outcome: "unconfirmed",
          detail: `${result.detail}, but the POST for this id was abandoned (${describeExchange(last)}): the driver may still be creating it`,
          identities,
        };
      }
      if (!acknowledged && !abandoned && result.outcome === "left-behind") {
        return {
          ...result,
          outcome: "never-created",
          detail: `no POST was ever answered 200 for this id; ${result.detail}`,
          identities,
        };
      }
      return withIdentities(result, identities, this.env.log.all(), "id");
    });
  }

  async #teardown(id: string): Promise<TeardownResult> {
    const operation = await this.deleteUntilDone(id);
    const status = statusOf(operation.final);
    if (status === 204 || status === 404) {
      return { id, outcome: "deleted", detail: `DELETE answered ${status}` };
    }
    return { id, outcome: "left-behind", detail: `DELETE ended with ${describeExchange(operation.final)}` };
  }

  #pollOptions() {
    return {
      inProgress: asksToRetry,
      intervalMs: this.env.options.pollIntervalMs,
      timeoutMs: this.env.options.operationMs,
      signal: this.env.signal(),
    };
  }
}

function base64Json(value: unknown): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64");
}

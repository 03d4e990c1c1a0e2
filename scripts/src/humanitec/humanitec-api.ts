import { UserError } from "../cli/user-error.js";
import type { DriverDefinition } from "./driver-definition.js";
import type { ResourceDefinition } from "./resource-definition.js";

export const DEFAULT_HUMANITEC_API_URL = "https://api.humanitec.io";

export interface HumanitecApiOptions {
  /** `HUMANITEC_API_URL`; default https://api.humanitec.io. */
  readonly baseUrl?: string | undefined;
  /** `HUMANITEC_TOKEN`: sent as `Authorization: Bearer`, never printed. */
  readonly token: string;
  /** `HUMANITEC_ORG`. */
  readonly org: string;
  /** Bound on one request, in ms (default 30 000). */
  readonly timeoutMs?: number;
}

export type Upserted = "created" | "updated";

interface Answer {
  readonly status: number;
  readonly text: string;
}

/**
 * The parts of Humanitec's platform API that registration needs: create a driver definition or a
 * resource definition, and update it when it exists (409 on create).
 */
export class HumanitecApi {
  readonly #base: string;

  constructor(private readonly options: HumanitecApiOptions) {
    this.#base = (options.baseUrl ?? DEFAULT_HUMANITEC_API_URL).replace(/\/+$/, "");
  }

  /** Checks that the token is accepted for the organisation, changing nothing. */
  async checkAccess(): Promise<void> {
    const answer = await this.#send("GET", "resources/drivers");
    if (answer.status !== 200) throw this.#problem(answer, "listing the organisation's drivers");
  }

  async upsertDriver(definition: DriverDefinition): Promise<Upserted> {
    const { id, type: _type, ...update } = definition;
    return this.#upsert("resources/drivers", id, definition, update, `driver definition ${id}`);
  }

  async upsertResourceDefinition(definition: ResourceDefinition): Promise<Upserted> {
    // Humanitec's update takes the name, account and inputs; type, driver and criteria stay as created.
    const update = {
      name: definition.name,
      driver_inputs: definition.driver_inputs,
      ...(definition.driver_account === undefined ? {} : { driver_account: definition.driver_account }),
    };
    return this.#upsert(
      "resources/defs",
      definition.id,
      definition,
      update,
      `resource definition ${definition.id}`,
    );
  }

  async #upsert(path: string, id: string, create: unknown, update: unknown, what: string): Promise<Upserted> {
    const created = await this.#send("POST", path, create);
    if (created.status === 200 || created.status === 201) return "created";
    if (created.status !== 409) throw this.#problem(created, `creating the ${what}`);
    const updated = await this.#send("PUT", `${path}/${encodeURIComponent(id)}`, update);
    if (updated.status === 200) return "updated";
    throw this.#problem(updated, `updating the ${what}`);
  }

  async #send(method: string, path: string, body?: unknown): Promise<Answer> {
    const url = `${this.#base}/orgs/${encodeURIComponent(this.options.org)}/${path}`;
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    try {
      const response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${this.options.token}`,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { status: response.status, text: await response.text() };
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      throw new UserError(
        "HUMANITEC_API_URL",
        `${method} ${url} got no answer (${cause instanceof Error ? cause.message : String(cause)})`,
        "check the network and the URL (default https://api.humanitec.io)",
        { cause: error },
      );
    }
  }

  #problem(answer: Answer, doing: string): UserError {
    const said = humanitecMessage(answer.text);
    switch (answer.status) {
      case 401:
        return new UserError(
          "HUMANITEC_TOKEN",
          `rejected by Humanitec (401) while ${doing}`,
          "create an API token in the Humanitec console (Organization settings → API tokens) and export it as HUMANITEC_TOKEN",
        );
      case 403:
        return new UserError(
          "HUMANITEC_TOKEN",
          `not allowed to do this (403) while ${doing}${said}`,
          `use a token of a user or service user with the Administrator role in ${this.options.org}`,
        );
      case 404:
        return new UserError(
          "HUMANITEC_ORG",
          `Humanitec answered 404 while ${doing}: is ${JSON.stringify(this.options.org)} your organisation id?${said}`,
          "export HUMANITEC_ORG=<the organisation id from the console URL>",
        );
      default:
        return new UserError(
          "Humanitec",
          `answered ${answer.status} while ${doing}${said}`,
          answer.status >= 500
            ? "try again later"
            : "correct the definition as the message says and run again",
        );
    }
  }
}

/** Humanitec's error body (`{"error": "...", "message": "..."}`) as a short suffix. */
function humanitecMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown };
    const message = typeof body.message === "string" ? body.message : undefined;
    return message ? `: ${message.slice(0, 300)}` : "";
  } catch {
    return text.trim() === "" ? "" : `: ${text.trim().slice(0, 300)}`;
  }
}

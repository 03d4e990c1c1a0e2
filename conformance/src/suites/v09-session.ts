import { COOKIE_HEADER, type CookieJar } from "../cookie-jar.js";
import type { Exchange } from "../exchange.js";
import type { AuthMode, DriverClient } from "../http-client.js";
import type { DriverInputs } from "../inputs.js";

/** Which cookie a request carries: the jar's (as Humanitec would), none, or a given (forged) one. */
export type CookieMode = "jar" | "none" | { readonly forged: string };

export interface SessionRequestOptions {
  readonly cookie?: CookieMode;
  readonly auth?: AuthMode;
}

/** InputData for a PUT: the id is the path, never in the body. */
export function inputData(type: string, resource: unknown, driver: DriverInputs): Record<string, unknown> {
  return {
    type,
    ...(resource === undefined ? {} : { resource }),
    driver: { values: driver.values, secrets: driver.secrets },
  };
}

/** Requests about one GUResID, carrying the cookie the way Humanitec does. */
export class V09Session {
  constructor(
    readonly id: string,
    private readonly client: DriverClient,
    private readonly jar: CookieJar,
  ) {}

  get path(): string {
    return `/${encodeURIComponent(this.id)}`;
  }

  put(body: unknown, options: SessionRequestOptions = {}): Promise<Exchange> {
    return this.#send("PUT", body, options);
  }

  get(options: SessionRequestOptions = {}): Promise<Exchange> {
    return this.#send("GET", undefined, options);
  }

  delete(options: SessionRequestOptions = {}): Promise<Exchange> {
    return this.#send("DELETE", undefined, options);
  }

  async #send(
    method: "PUT" | "GET" | "DELETE",
    body: unknown,
    options: SessionRequestOptions,
  ): Promise<Exchange> {
    const cookie = this.#cookie(options.cookie ?? "jar");
    const exchange = await this.client.send({
      method,
      path: this.path,
      ...(body === undefined ? {} : { body }),
      ...(cookie === undefined ? {} : { headers: { [COOKIE_HEADER]: cookie } }),
      ...(options.auth === undefined ? {} : { auth: options.auth }),
    });
    this.jar.observe(this.id, exchange);
    return exchange;
  }

  #cookie(mode: CookieMode): string | undefined {
    if (mode === "none") return undefined;
    if (mode === "jar") return this.jar.get(this.id);
    return mode.forged;
  }
}

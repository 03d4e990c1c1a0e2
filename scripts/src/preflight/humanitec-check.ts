import { UserError } from "../cli/user-error.js";
import { DEFAULT_HUMANITEC_API_URL, HumanitecApi } from "../humanitec/humanitec-api.js";
import type { Outcome } from "./check-outcome.js";
import type { HumanitecAccess, PreflightDeps } from "./cloud-preflight.js";

/** Optional: both `HUMANITEC_TOKEN` and `HUMANITEC_ORG`, and a token Humanitec accepts; or neither. */
export async function checkHumanitec(
  env: NodeJS.ProcessEnv,
  deps: PreflightDeps,
): Promise<Outcome<HumanitecAccess | undefined>> {
  const token = env.HUMANITEC_TOKEN || undefined;
  const org = env.HUMANITEC_ORG || undefined;
  if (token === undefined && org === undefined) {
    return { ok: true, detail: "no HUMANITEC_TOKEN: registration is skipped (optional)", value: undefined };
  }
  if (token === undefined || org === undefined) {
    const [missing, present] =
      token === undefined ? ["HUMANITEC_TOKEN", "HUMANITEC_ORG"] : ["HUMANITEC_ORG", "HUMANITEC_TOKEN"];
    return {
      ok: false,
      problems: [
        new UserError(
          missing,
          `not set while ${present} is`,
          `export ${missing} too (registration needs both), or unset ${present} to skip registration`,
        ),
      ],
    };
  }
  const baseUrl = env.HUMANITEC_API_URL || DEFAULT_HUMANITEC_API_URL;
  const api = (deps.humanitec ?? ((options) => new HumanitecApi(options)))({ baseUrl, token, org });
  try {
    await api.checkAccess();
  } catch (error) {
    if (error instanceof UserError) return { ok: false, problems: [error] };
    throw error;
  }
  return { ok: true, detail: `token accepted for organisation ${org}`, value: { baseUrl, token, org } };
}

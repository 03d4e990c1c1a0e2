import type { Profile } from "./check.js";
import type { DriverTestInputs } from "./inputs.js";
import { MIN_SECRET_LENGTH, uniqueSensitive, type Sensitive } from "./secrets.js";
import { stringLeaves } from "./shapes/json.js";

/**
 * Keys under a Resource Account that hold credentials: `aws_access_key_id`, `aws_secret_access_key`
 * and `aws_session_token` for AWS, and their like for other clouds (`private_key`, `client_secret`).
 * Ids such as `role_arn` or `client_email` are not credentials.
 */
const CREDENTIAL_KEY = /key|secret|token|password|credential/i;

/**
 * The account credentials the run sends in `driver.secrets.account` (2020: `driver_secrets.account`),
 * also those of the `update` and `conflict` changes; empty when the inputs give no account.
 */
export function accountCredentials(inputs: DriverTestInputs, profile: Profile): Sensitive[] {
  const field = profile === "2020" ? "driver_secrets.account" : "driver.secrets.account";
  const sent = [
    { secrets: inputs.driver.secrets, label: `sent ${field}` },
    { secrets: inputs.update?.secrets ?? {}, label: `sent ${field} (update)` },
    { secrets: inputs.conflict?.secrets ?? {}, label: `sent ${field} (conflict)` },
  ];
  return uniqueSensitive(
    sent.flatMap(({ secrets, label }) =>
      stringLeaves(secrets.account)
        .filter(({ path, value }) => {
          const key = path.split(".").at(-1) ?? path;
          return value.length >= MIN_SECRET_LENGTH && CREDENTIAL_KEY.test(key);
        })
        .map(({ path, value }) => ({ value, source: path ? `${label}.${path}` : label })),
    ),
  );
}

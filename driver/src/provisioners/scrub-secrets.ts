/** AWS access key ids (long-term `AKIA…`, temporary `ASIA…`): never shown, even when not passed in. */
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{12,124}\b/g;

/**
 * Text for humans (an error message, a failure reason, a log line) with every given secret and
 * every AWS access key id replaced by `***`. The one place secrets are scrubbed, for every
 * provisioner: a cloud's own message may quote what it was sent.
 */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  const scrubbed = secrets.reduce<string>(
    // Short values would blank out ordinary words; every secret the driver handles is longer.
    (result, secret) => (secret && secret.length >= 8 ? result.split(secret).join("***") : result),
    text,
  );
  return scrubbed.replace(ACCESS_KEY_ID, "***");
}

/** `what: <error message>`, scrubbed: a failure reason that can be shown to the caller. */
export function failureReason(
  what: string,
  error: unknown,
  secrets: readonly (string | undefined)[],
): string {
  return scrubSecrets(`${what}: ${error instanceof Error ? error.message : String(error)}`, secrets);
}

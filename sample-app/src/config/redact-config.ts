import type { AppConfig } from "./load-config.js";

export const REDACTED = "[redacted]";

/** The configuration as it may be logged or shown: the password replaced, the CA summarised. */
export function redact(config: AppConfig): Record<string, unknown> {
  const { redis } = config;
  return {
    ...config,
    redis: {
      ...redis,
      password: redis.password === undefined ? undefined : REDACTED,
      caCertificate:
        redis.caCertificate === undefined ? undefined : `PEM, ${redis.caCertificate.length} characters`,
    },
  };
}

import { EmulatorEnvSchema } from "../config/load-emulator-config.js";

/** The `--help` text: usage, flags, and every environment variable with its description. */
export function usage(): string {
  const variables = Object.entries(EmulatorEnvSchema.shape)
    .filter(([, schema]) => schema.description !== undefined)
    .map(([name, schema]) => `  ${name.padEnd(30)} ${schema.description ?? ""}`);
  return [
    "Usage: pnpm emulator [--port N] [--host H]",
    "",
    "A local Amazon ElastiCache endpoint (AWS Query protocol, API 2015-02-02) whose replication",
    "groups and serverless caches are real Redis engines on this machine. Ctrl-C stops it and",
    "every engine it started.",
    "",
    "Options:",
    "  --port N   TCP port (default 4575, EMULATOR_PORT; 0 picks a free one)",
    "  --host H   interface to listen on (default 127.0.0.1, EMULATOR_HOST)",
    "  --help     this text",
    "",
    "Environment:",
    ...variables,
    "",
    "Admin routes (no AWS signature): GET /_emulator/ca.pem, GET /_emulator/health,",
    "GET|PUT|DELETE /_emulator/faults (JSON: createFailedPattern, createFailedMessage,",
    "throttleEvery, slowCreateMs, denyActions).",
    "",
  ].join("\n");
}

import type { z } from "zod";
import { CONFIG_VARIABLES } from "../config/load-config.js";
import { PROVISIONERS } from "../provisioners/registry.js";

function rows(shape: Record<string, z.ZodType>): string[] {
  const entries = Object.entries(shape);
  const width = Math.max(...entries.map(([name]) => name.length));
  return entries.map(([name, schema]) => {
    const fallback = schema.safeParse(undefined);
    const shown =
      fallback.success && fallback.data !== undefined ? ` (default ${String(fallback.data)})` : "";
    return `  ${name.padEnd(width)}  ${schema.description ?? ""}${shown}`;
  });
}

/** `pnpm driver --help`: what the driver reads, from the same schemas that validate it. */
export function driverUsage(): string {
  return [
    "Usage: pnpm driver            (or npm run driver, or node --import tsx driver/src/main.ts)",
    "",
    "Runs the resource driver until Ctrl-C or SIGTERM. It takes no arguments: everything comes from",
    "environment variables, validated at start-up (every problem is listed at once).",
    "",
    "Driver variables:",
    ...rows(CONFIG_VARIABLES),
    ...Object.entries(PROVISIONERS).flatMap(([name, module]) => [
      "",
      `DRIVER_PROVISIONER=${name} reads:`,
      ...rows(module.settings.shape as Record<string, z.ZodType>),
    ]),
    "",
    "Details: docs/configuration.md.",
  ].join("\n");
}

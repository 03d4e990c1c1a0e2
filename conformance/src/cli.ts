#!/usr/bin/env node
import { listChecks } from "./checks/catalog.js";
import { parseCliArgs, USAGE } from "./cli-args.js";
import type { ConformanceLogger } from "./logger.js";
import { formatSummary } from "./report/console-summary.js";
import { runConformance } from "./runner.js";
import { SOURCE_LABELS } from "./sources.js";

const stdout = (text: string) => process.stdout.write(`${text}\n`);
const stdoutLogger: ConformanceLogger = { info: stdout, warn: (message) => console.warn(message) };

async function main(argv: readonly string[]): Promise<number> {
  let command;
  try {
    command = parseCliArgs(argv, process.env);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (command.kind === "help") {
    stdout(USAGE);
    return 0;
  }
  if (command.kind === "list") {
    for (const check of listChecks(command.profile)) {
      const features = check.features.length > 0 ? ` [${check.features.join(", ")}]` : "";
      stdout(
        `${check.id.padEnd(28)} ${check.level.padEnd(14)} ${SOURCE_LABELS[check.source].padEnd(14)} ${check.title}${features}`,
      );
    }
    return 0;
  }

  const interrupt = new AbortController();
  process.on("SIGINT", () => {
    if (interrupt.signal.aborted) process.exit(130);
    console.error(
      "Interrupted: stopping the checks and deleting what the run created (Ctrl-C again to quit now)",
    );
    interrupt.abort(new Error("interrupted"));
  });
  const { quiet, ...options } = command.options;
  try {
    const report = await runConformance({
      ...options,
      signal: interrupt.signal,
      ...(quiet ? { quiet: true } : { logger: stdoutLogger }),
    });
    if (quiet) stdout(formatSummary(report));
    return report.interrupted ? 130 : report.ok ? 0 : 1;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
}

process.exit(await main(process.argv.slice(2)));

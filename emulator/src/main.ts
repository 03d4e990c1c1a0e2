import { runCli } from "./cli/run-cli.js";

runCli(process.argv.slice(2), process.env).catch((error: unknown) => {
  process.stderr.write(`emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

// `npm run up`: the whole setup with one command (see `npm run up -- --help`).
import { CONSOLE_IO, runCli } from "./src/cli/run-cli.js";
import { upCommand } from "./src/up/up-command.js";

runCli("up", () => upCommand(process.argv.slice(2), process.env, CONSOLE_IO));

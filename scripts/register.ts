// `npm run register`: the Humanitec driver and resource definitions (see `npm run register -- --help`).
import { CONSOLE_IO, runCli } from "./src/cli/run-cli.js";
import { registerCommand } from "./src/humanitec/register-command.js";

runCli("register", () => registerCommand(process.argv.slice(2), process.env, CONSOLE_IO));

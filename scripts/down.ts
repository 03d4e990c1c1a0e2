// `npm run down`: takes down what `npm run up -- --cloud` brought up (see `npm run down -- --help`).
import { CONSOLE_IO, runCli } from "./src/cli/run-cli.js";
import { downCommand } from "./src/teardown/down-command.js";

runCli("down", () => downCommand(process.argv.slice(2), process.env, CONSOLE_IO));

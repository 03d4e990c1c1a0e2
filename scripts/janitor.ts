// `npm run janitor`: lists, and with --yes deletes, old kit-tagged AWS resources (see --help).
import { CONSOLE_IO, runCli } from "./src/cli/run-cli.js";
import { janitorCommand } from "./src/teardown/janitor-command.js";

runCli("janitor", () => janitorCommand(process.argv.slice(2), process.env, CONSOLE_IO));

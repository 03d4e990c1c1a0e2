import { listenProblem } from "./cli/listen-problem.js";
import { runCli } from "./cli/run-cli.js";

// A closed output (`npm run emulator | head`, or a `tee` ended by the same Ctrl-C) is a stop like
// SIGTERM: the endpoint stops its engines and exits, where the unhandled EPIPE would end it at once
// and leave them running.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.kill(process.pid, "SIGTERM");
  });
}

runCli(process.argv.slice(2), process.env).catch((error: unknown) => {
  process.stderr.write(
    `emulator: ${listenProblem(error) ?? (error instanceof Error ? error.message : String(error))}\n`,
  );
  process.exit(1);
});

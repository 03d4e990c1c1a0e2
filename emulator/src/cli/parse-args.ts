export interface CliArgs {
  help: boolean;
  port: number | undefined;
  host: string | undefined;
}

/** `--port N`, `--host H` (also `--port=N`), `--help`/`-h`; anything else is an error naming it. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { help: false, port: undefined, host: undefined };
  for (let index = 0; index < argv.length; index += 1) {
    const [flag = "", inline] = (argv[index] ?? "").split(/=(.*)/s, 2);
    const value = () => {
      const next = inline ?? argv[++index];
      if (next === undefined || next === "") throw new Error(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case "--help":
      case "-h":
        args.help = true;
        break;
      case "--port": {
        const port = value();
        if (!/^\d+$/.test(port) || Number(port) > 65_535) {
          throw new Error(`--port: "${port}" is not a port number (0–65535; 0 picks a free one)`);
        }
        args.port = Number(port);
        break;
      }
      case "--host":
        args.host = value();
        break;
      default:
        throw new Error(`unknown argument "${argv[index]}"; see --help`);
    }
  }
  return args;
}

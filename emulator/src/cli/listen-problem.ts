/**
 * What to tell a person whose endpoint could not listen, naming the setting to change; undefined for
 * any other error. Node reports these as errors of the `listen` call with the address and port.
 */
export function listenProblem(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, syscall, address, port } = error as NodeJS.ErrnoException & {
    address?: string;
    port?: number;
  };
  if (syscall !== "listen") return undefined;
  const where = `${address ?? "the host"} port ${String(port)}`;
  switch (code) {
    case "EADDRINUSE":
      return `Cannot listen on ${where}: another program already uses it (another endpoint?). Set EMULATOR_PORT (or --port) to a free port, or 0 to let the system pick one (e.g. npm run emulator -- --port 0); the banner says where it listens.`;
    case "EACCES":
      return `Cannot listen on ${where}: ports below 1024 need privileges. Set EMULATOR_PORT (or --port) to 1024 or above (the default is 4575), or 0 for a free one.`;
    case "EADDRNOTAVAIL":
      return `Cannot listen on ${where}: no network interface of this machine has that address. Set EMULATOR_HOST (or --host) to one it has, such as 127.0.0.1.`;
    default:
      return undefined;
  }
}

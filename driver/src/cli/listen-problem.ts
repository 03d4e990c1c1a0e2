/**
 * What to tell a person whose driver could not listen, naming the variable to change; undefined for
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
      return `Cannot listen on ${where}: another program already uses it. Set PORT to a free port, or PORT=0 to let the system pick one (e.g. PORT=0 npm run driver); the driver prints where it listens.`;
    case "EACCES":
      return `Cannot listen on ${where}: ports below 1024 need privileges. Set PORT to 1024 or above (the default is 8080), or PORT=0 for a free one.`;
    case "EADDRNOTAVAIL":
      return `Cannot listen on ${where}: no network interface of this machine has that address. Set HOST to one it has (127.0.0.1, or 0.0.0.0 for every interface).`;
    default:
      return undefined;
  }
}

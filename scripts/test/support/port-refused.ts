import { connect } from "node:net";

/** True when a TCP connect to host:port is refused; an accepted or unanswered connect is not. */
export function portRefused(host: string, port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = connect({ host, port, timeout: 5_000 });
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

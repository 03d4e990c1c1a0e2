/** Where a run reports progress. */
export interface ConformanceLogger {
  info(message: string): void;
  warn(message: string): void;
}

export const SILENT_LOGGER: ConformanceLogger = { info: () => {}, warn: () => {} };

/** Progress on stderr, so stdout stays free for whoever embeds the run. */
export const STDERR_LOGGER: ConformanceLogger = {
  info: (message) => console.error(message),
  warn: (message) => console.warn(message),
};

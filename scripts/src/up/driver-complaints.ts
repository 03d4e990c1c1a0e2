/** The driver's warnings, errors and non-JSON lines (e.g. a crash), the last ten. */
export function driverComplaints(output: string): string[] {
  return output
    .split("\n")
    .filter((line) => {
      if (line.trim() === "") return false;
      try {
        const { level } = JSON.parse(line) as { level?: unknown };
        return typeof level !== "number" || level >= 40;
      } catch {
        return true;
      }
    })
    .slice(-10);
}

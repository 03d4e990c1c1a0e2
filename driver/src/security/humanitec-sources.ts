/**
 * The published source addresses of Humanitec's hosted Platform Orchestrator (its security
 * overview, "Direct" connectivity). `DRIVER_AUTH_SOURCES=humanitec` allows exactly these; check
 * Humanitec's page when it changes and extend the list with CIDRs of your own.
 */
export const HUMANITEC_SOURCE_ADDRESSES = [
  "34.159.97.57/32",
  "35.198.74.96/32",
  "34.141.77.162/32",
  "34.89.188.214/32",
  "34.159.140.35/32",
  "34.89.165.141/32",
  "34.32.134.107/32",
  "34.91.7.12/32",
  "34.91.109.253/32",
  "34.141.184.227/32",
  "34.147.1.204/32",
  "35.204.216.33/32",
] as const;

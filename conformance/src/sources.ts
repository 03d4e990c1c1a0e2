import type { Source } from "./check.js";

/** Where each source can be read, for the README and the reports. */
export const SOURCE_DOCUMENTS: Record<Source, { readonly title: string; readonly url: string }> = {
  "driver-api-0.9": {
    title: "Humanitec Driver API specification 0.9.3",
    url: "https://developer.humanitec.com/integration-and-extensions/drivers/reference/driver-api-specification",
  },
  "status-codes": {
    title: "Humanitec driver status codes",
    url: "https://developer.humanitec.com/integration-and-extensions/drivers/reference/driver-status-codes",
  },
  "resource-types": {
    title: "Humanitec resource types reference",
    url: "https://developer.humanitec.com/platform-orchestrator/reference/resource-types/",
  },
  "driver-api-2020": {
    title: "Resource Driver API 0.1.0 (2020), as shipped with the first ElastiCache driver",
    url: "https://github.com/polarsquad/resource-driver-elasticache-external/blob/main/openapi/driver-spec.yaml",
  },
  kit: { title: "this kit's recommendation", url: "" },
};

/** Short label used in the check catalogue. */
export const SOURCE_LABELS: Record<Source, string> = {
  "driver-api-0.9": "0.9 spec",
  "status-codes": "status codes",
  "resource-types": "resource types",
  "driver-api-2020": "2020 spec",
  kit: "kit",
};

import { z } from "zod";
import { ERROR_CODES } from "../errors.js";
import { DriverInputsSchema, DriverSecretsSchema } from "../inputs/driver-inputs.js";
import {
  ErrorBodySchema,
  GURESID_PATTERN,
  InputDataSchema,
  OutputDataSchema,
  ProgressHintSchema,
} from "../inputs/input-data.js";

const schema = (type: z.ZodType, io: "input" | "output" = "output") =>
  z.toJSONSchema(type, { target: "draft-2020-12", io, unrepresentable: "any" });

/** JSON Schema of the driver inputs in the shape Humanitec's `inputs_schema` expects. */
export function driverInputsJsonSchema(): Record<string, unknown> {
  const nested = (type: z.ZodType) => {
    const { $schema: _dialect, ...rest } = schema(type, "input");
    return rest;
  };
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    properties: { values: nested(DriverInputsSchema), secrets: nested(DriverSecretsSchema) },
    additionalProperties: false,
  };
}

const json = (ref: string) => ({
  content: { "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } },
});

const errorResponse = (codes: string[]) => ({
  description: codes
    .map((code) => `${code}: ${ERROR_CODES[code as keyof typeof ERROR_CODES].title}`)
    .join("; "),
  ...json("Error"),
});

/** OpenAPI 3.1 document of the v0.9 routes, built from the schemas the handlers validate with. */
export function openApiDocument(basePath: string): Record<string, unknown> {
  const prefix = basePath === "/" ? "" : basePath;
  const guresid = {
    name: "guresid",
    in: "path",
    required: true,
    schema: { type: "string", pattern: GURESID_PATTERN.source, maxLength: 128 },
  };
  const progress = { description: "in progress; repeat the same request", ...json("AsyncProgressHint") };
  const cookieHeader = {
    "Set-Humanitec-Driver-Cookie": {
      description: "sealed driver state (no secrets)",
      schema: { type: "string" },
    },
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "elasticache-driver-kit Redis resource driver",
      version: "0.9",
      description: "Humanitec resource driver contract 0.9.x for the `redis` resource type.",
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
        InputData: schema(InputDataSchema, "input"),
        DriverInputs: schema(DriverInputsSchema, "input"),
        OutputData: schema(OutputDataSchema),
        AsyncProgressHint: schema(ProgressHintSchema),
        Error: schema(ErrorBodySchema),
      },
    },
    security: [{ bearer: [] }],
    paths: {
      [`${prefix}/{guresid}`]: {
        parameters: [guresid],
        put: {
          summary: "Create or update the resource (declarative upsert)",
          requestBody: { required: true, ...json("InputData") },
          responses: {
            200: { description: "ready", headers: cookieHeader, ...json("OutputData") },
            202: { ...progress, headers: cookieHeader },
            400: errorResponse([
              "RES-100",
              "RES-101",
              "RES-102",
              "RES-103",
              "RES-104",
              "RES-107",
              "RES-108",
              "RES-111",
              "RES-112",
            ]),
            401: errorResponse(["RES-110"]),
            409: {
              description: "another change is in flight",
              headers: cookieHeader,
              ...json("AsyncProgressHint"),
            },
            413: errorResponse(["RES-106"]),
            415: errorResponse(["RES-105"]),
          },
        },
        get: {
          summary: "Report the resource, change nothing",
          responses: {
            200: { description: "ready", ...json("OutputData") },
            202: progress,
            400: errorResponse(["RES-103", "RES-111"]),
            401: errorResponse(["RES-110"]),
            404: errorResponse(["RES-109"]),
          },
        },
        delete: {
          summary: "Delete the resource",
          responses: {
            202: progress,
            204: { description: "deleted, or never existed" },
            400: errorResponse(["RES-103"]),
            401: errorResponse(["RES-110"]),
          },
        },
      },
    },
  };
}

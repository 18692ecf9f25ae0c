/**
 * The compose-spec validator. From source (tests, tsx) it is compiled with ajv on first use; the bundles replace
 * this module with ajv's standalone code generated at build time (scripts/build.mjs), so the server and the CLI
 * never compile the schema (about 300 ms of CPU per process) and never evaluate generated code at run time, which a
 * web worker's content security policy may forbid. Both paths use the same schema and `server/schemas/ajv-options.json`.
 */
export type ValidateFn = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

export interface AjvError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Whether this is the build-time precompiled validator (false from source). */
export const precompiled = false;

export function createValidator(): ValidateFn {
  // required lazily so that loading the engine does not load ajv
  /* eslint-disable @typescript-eslint/no-require-imports */
  const ajvModule = require("ajv") as { default: new (opts: Record<string, unknown>) => { compile(schema: unknown): ValidateFn } };
  const options = require("../../../schemas/ajv-options.json") as Record<string, unknown>;
  const schema = require("../../../schemas/compose-spec.schema.json") as { $schema?: string } & Record<string, unknown>;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const { $schema: _ignored, ...rest } = schema;
  return new ajvModule.default(options).compile(rest);
}

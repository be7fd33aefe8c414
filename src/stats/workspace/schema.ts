/**
 * JSON schema of a pyhf workspace, version 1.0.0, written for mumux from the structure pyhf
 * documents (scikit-hep/pyhf `schemas/1.0.0/{workspace,model,defs,measurement}.json`, draft-06)
 * and checked with ajv. Structural only: bin counts, name reuse and cross references are checked
 * in {@link parseWorkspace} with messages that name the JSON path.
 */

const numberArray = { type: "array", items: { type: "number" } } as const;
const nonEmptyNumberArray = { type: "array", items: { type: "number" }, minItems: 1 } as const;

const modifier = (type: string, data: object) =>
  ({
    type: "object",
    properties: { name: { type: "string" }, type: { const: type }, data },
    required: ["name", "type", "data"],
    additionalProperties: false,
  }) as const;

/** The modifier schemas, keyed by `type`. */
export const MODIFIER_SCHEMAS = {
  histosys: modifier("histosys", {
    type: "object",
    properties: { lo_data: numberArray, hi_data: numberArray },
    required: ["lo_data", "hi_data"],
    additionalProperties: false,
  }),
  lumi: modifier("lumi", { type: "null" }),
  normfactor: modifier("normfactor", { type: "null" }),
  normsys: modifier("normsys", {
    type: "object",
    properties: { lo: { type: "number" }, hi: { type: "number" } },
    required: ["lo", "hi"],
    additionalProperties: false,
  }),
  shapefactor: modifier("shapefactor", { type: "null" }),
  shapesys: modifier("shapesys", numberArray),
  staterror: modifier("staterror", numberArray),
} as const;

export const PARAMETER_CONFIG_SCHEMA = {
  type: "object",
  properties: {
    name: { type: "string" },
    inits: nonEmptyNumberArray,
    bounds: {
      type: "array",
      items: { type: "array", items: { type: "number" }, minItems: 2, maxItems: 2 },
      minItems: 1,
    },
    auxdata: nonEmptyNumberArray,
    factors: nonEmptyNumberArray,
    sigmas: nonEmptyNumberArray,
    fixed: { type: "boolean" },
  },
  required: ["name"],
  additionalProperties: false,
} as const;

export const WORKSPACE_SCHEMA = {
  type: "object",
  properties: {
    channels: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        properties: {
          name: { type: "string" },
          samples: {
            type: "array",
            minItems: 1,
            items: {
              type: "object",
              properties: {
                name: { type: "string" },
                data: nonEmptyNumberArray,
                modifiers: {
                  type: "array",
                  items: {
                    type: "object",
                    required: ["name", "type", "data"],
                    properties: {
                      name: { type: "string" },
                      type: { enum: Object.keys(MODIFIER_SCHEMAS) },
                    },
                  },
                },
              },
              required: ["name", "data", "modifiers"],
              additionalProperties: false,
            },
          },
        },
        required: ["name", "samples"],
        additionalProperties: false,
      },
    },
    measurements: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        properties: {
          name: { type: "string" },
          config: {
            type: "object",
            properties: {
              poi: { type: "string" },
              parameters: { type: "array", items: PARAMETER_CONFIG_SCHEMA },
            },
            required: ["poi", "parameters"],
            additionalProperties: false,
          },
        },
        required: ["name", "config"],
        additionalProperties: false,
      },
    },
    observations: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        properties: { name: { type: "string" }, data: nonEmptyNumberArray },
        required: ["name", "data"],
        additionalProperties: false,
      },
    },
    version: { const: "1.0.0" },
  },
  required: ["channels", "measurements", "observations", "version"],
  additionalProperties: false,
} as const;

/** RFC 6902 JSON patch (a list of operations). */
export const JSONPATCH_SCHEMA = {
  type: "array",
  items: {
    type: "object",
    required: ["op", "path"],
    properties: {
      op: { enum: ["add", "remove", "replace", "move", "copy", "test"] },
      path: { type: "string" },
      from: { type: "string" },
    },
    allOf: [
      // biome-ignore lint/suspicious/noThenProperty: "then" is a JSON-schema keyword here
      { if: { properties: { op: { enum: ["add", "replace", "test"] } } }, then: { required: ["value"] } },
      // biome-ignore lint/suspicious/noThenProperty: "then" is a JSON-schema keyword here
      { if: { properties: { op: { enum: ["move", "copy"] } } }, then: { required: ["from"] } },
    ],
  },
} as const;

/** pyhf patchset (schema 1.0.0), also accepting the looser `{patches:[{metadata, patch}]}` form. */
export const PATCHSET_SCHEMA = {
  type: "object",
  properties: {
    metadata: { type: "object" },
    version: { type: "string" },
    patches: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        properties: {
          metadata: {
            type: "object",
            properties: { name: { type: "string" }, values: { type: "array" } },
            required: ["name"],
          },
          patch: JSONPATCH_SCHEMA,
        },
        required: ["metadata", "patch"],
      },
    },
  },
  required: ["patches"],
} as const;

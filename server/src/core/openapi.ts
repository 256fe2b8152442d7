/**
 * The OpenAPI 3.1 document, generated from the route registry's zod schemas (zod 4's JSON Schema
 * output), served at /api/docs.
 */
import { z } from 'zod';
import { allowedKinds, API_PREFIX, paramsSchema, pathParamNames, routes, type AnyRoute } from './http.js';

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete json.$schema;
  return json;
}

/** One refused field of a 400 `validation_failed`: `code` and the bounds are stable, `message` is English for developers. */
const fieldIssueSchema: JsonSchema = {
  type: 'object',
  required: ['field', 'message'],
  properties: {
    field: { type: 'string', description: 'the field, e.g. `prices[0].price`' },
    message: { type: 'string', description: 'English, for developers; apps translate `code`' },
    code: {
      type: 'string',
      enum: ['required', 'too_short', 'too_long', 'too_small', 'too_big', 'invalid_format', 'invalid_type', 'invalid_value', 'unknown_field', 'invalid'],
    },
    minimum: { type: 'number', description: 'the bound a too_short / too_small value missed' },
    maximum: { type: 'number', description: 'the bound a too_long / too_big value passed' },
  },
};

const errorSchema: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'stable, snake_case; apps show their own words per code' },
        message: { type: 'string', description: 'English, for developers' },
        details: { anyOf: [{ type: 'array', items: fieldIssueSchema }, { type: 'object' }] },
      },
    },
  },
};

/** A JSON route's reply is its response schema; a raw route's is what it declares it writes. */
function successResponses(spec: AnyRoute, status: string): Record<string, unknown> {
  const json = () => ({ schema: spec.response ? schemaOf(spec.response, 'output') : {} });
  if (!spec.raw) return { [status]: { description: 'OK', content: { 'application/json': json() } } };
  const produces = spec.produces ?? [];
  const out: Record<string, unknown> = {};
  const content = Object.fromEntries(
    produces.filter((type) => type !== 'redirect').map((type) => [type, type === 'application/json' ? json() : { schema: { type: 'string', ...(type.startsWith('text/') ? {} : { format: 'binary' }) } }]),
  );
  if (Object.keys(content).length) out[status] = { description: 'OK', content };
  if (produces.includes('redirect')) out['302'] = { description: 'Redirect', headers: { Location: { schema: { type: 'string' } } } };
  return out;
}

let built: { routeCount: number; document: JsonSchema } | undefined;

/**
 * The document, built once: it is served without a token, and building it turns two hundred zod
 * schemas into JSON Schema (some 60 ms of CPU), which repeated requests would turn into a stall.
 */
export function openApiDocument(): JsonSchema {
  const routeCount = routes().length;
  if (built?.routeCount !== routeCount) built = { routeCount, document: buildDocument() };
  return built.document;
}

function buildDocument(): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of routes()) {
    const path = API_PREFIX + spec.path.replace(/:([A-Za-z_]\w*)/g, '{$1}');
    const params = schemaOf(paramsSchema(spec), 'input') as { properties?: Record<string, JsonSchema> };
    const query = spec.query ? (schemaOf(spec.query as z.ZodType, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] }) : undefined;
    const kinds = allowedKinds(spec);
    const parameters = [
      ...pathParamNames(spec.path).map((name) => ({ name, in: 'path', required: true, schema: params.properties?.[name] ?? { type: 'integer' } })),
      ...Object.entries(query?.properties ?? {}).map(([name, schema]) => ({ name, in: 'query', required: query?.required?.includes(name) ?? false, schema })),
      ...(spec.tenant ? [{ name: 'X-App-Id', in: 'header', required: false, schema: { type: 'string' }, description: 'Mini-program appid; otherwise the Host names the shop' }] : []),
      ...(spec.idempotent ? [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 128 } }] : []),
    ];
    const status = String(spec.status ?? 200);
    (paths[path] ??= {})[spec.method] = {
      summary: spec.summary,
      tags: spec.tags ?? [spec.path.split('/')[1]],
      operationId: `${spec.method}${spec.path.replace(/[/:-](\w)/g, (_, c: string) => c.toUpperCase())}`,
      ...(kinds.length ? { security: [{ bearer: [] }], 'x-actor-kinds': kinds } : {}),
      ...(spec.permission ? { 'x-permission': `${spec.permission[0]} ${spec.permission[1]}` } : {}),
      'x-tenant': spec.tenant,
      ...(spec.feature ? { 'x-plan-feature': spec.feature } : {}),
      ...(spec.openWhenPlanExpired ? { 'x-open-when-plan-expired': true } : {}),
      parameters,
      ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(spec.body as z.ZodType, 'input'), ...(spec.example ? { example: spec.example } : {}) } } } } : {}),
      responses: {
        ...successResponses(spec, status),
        default: { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'S2B2C commerce cloud API', version: '1', description: 'Money is integer fen. Errors share one shape. See API.md.' },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Error: errorSchema },
    },
    paths,
  };
}

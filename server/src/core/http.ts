/**
 * The route registry. Every API route is declared once (in its module's routes file, through a
 * `routeGroup()`, and listed in the module's declaration), with its method, path, zod schemas,
 * actor kinds, permission, tenant requirement and audit action; express, the OpenAPI document and
 * the isolation suite all read this registry (express 5 keeps no walkable route table).
 *
 * A request passes, in order: tenant resolution (404 tenant_not_found, 403 tenant_suspended) ->
 * authentication (401) -> the tenant's plan (403 plan_expired, plan_feature_unavailable) ->
 * permission (403; also a read-only account's writes) -> validation (400 naming each field) ->
 * rate limits (429) -> idempotency -> handler, inside the request context -> audit -> JSON reply.
 */
import { createHash } from 'node:crypto';
import type { Express, NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { recordAudit } from './audit.js';
import { actorFromToken } from './auth/index.js';
import type { TokenKind } from './auth/index.js';
import { createContext, runInContext, withActor, withTenant, type ActorOf, type Ctx } from './context.js';
import { AppError, unauthenticated, ValidationError, type FieldIssue } from './errors.js';
import { sendError } from './error-middleware.js';
import { sendJson } from './reply.js';
import { asPage } from './security-headers.js';
import { runIdempotent, type IdempotencyMode } from './idempotency.js';
import { clock } from './clock.js';
import { assertPlanServes, isFeature } from './features.js';
import { authorize } from './permissions.js';
import { hit, type RateLimitRule } from './rate-limit.js';
import { checkingReplies, checkReply } from './reply-check.js';
import { assertTenantActive, resolveTenant } from './tenancy.js';

export const API_PREFIX = '/api/v1';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type AuthKind = 'public' | TokenKind;

type ParamNames<S extends string> = S extends `${string}:${infer P}/${infer Rest}`
  ? P | ParamNames<`/${Rest}`>
  : S extends `${string}:${infer P}`
    ? P
    : never;
/** Path parameters are positive integer ids unless the route gives its own params schema. */
export type PathParams<S extends string> = { [K in ParamNames<S>]: number };

type Infer<S, Fallback> = S extends z.ZodType ? z.output<S> : Fallback;
type KindsOf<A> = A extends readonly (infer K)[] ? K : A;
export type CtxFor<A> = KindsOf<A> extends TokenKind ? Ctx & { actor: ActorOf<KindsOf<A>> } : Ctx;

export interface RouteInput<Path extends string, B, Q, P> {
  body: Infer<B, undefined>;
  query: Infer<Q, undefined>;
  params: Infer<P, PathParams<Path>>;
}

export interface RateLimitSpec<I> {
  rule: RateLimitRule;
  /** The subject counted: the client IP by default, or something from the input (an email, a phone). */
  key?: (input: I, ctx: Ctx) => string | undefined;
}

export interface AuditSpec<I, R> {
  action: string;
  target?: (input: I, result: R) => { type: string; id: string | number } | undefined;
  details?: (input: I, result: R) => Record<string, unknown> | undefined;
}

export type RawContent = 'application/json' | 'text/plain' | 'text/csv' | 'text/html' | 'image/png' | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' | 'redirect';

export interface RouteSpec<Path extends string, A extends AuthKind | readonly TokenKind[], B, Q, P, R> {
  method: Method;
  /** Under /api/v1, express style (`/shop/orders/:id`). */
  path: Path;
  summary: string;
  tags?: string[];
  /** Served only for a resolved, active tenant (shop and merchant-console routes). */
  tenant: boolean;
  /** Who may call it. A token presented on any route must be valid for the host. */
  auth: A;
  body?: B;
  query?: Q;
  params?: P;
  /** What the route answers (its JSON body): shown in the API document, checked against every reply in tests. */
  response?: z.ZodType;
  /** A valid body, shown in the API document and used by the isolation suite to reach the lookup. */
  example?: B extends z.ZodType ? z.input<B> : never;
  /** 201 for creations; 200 otherwise. */
  status?: number;
  /** A success status that depends on the answer (a write accepted to be done later: 202). */
  statusOf?: (result: unknown) => number | undefined;
  /** CASL check before the handler: the actor may do this action on some subject of this type. */
  permission?: readonly [string, string];
  /** A write that stays open to a read-only account (a suspended supplier ships what was paid for). */
  allowReadOnly?: true;
  /** The plan feature (core/features) this route belongs to: 403 plan_feature_unavailable without it. */
  feature?: string;
  /**
   * A console write that stays open when the shop's plan has expired: signing in and out, the
   * settings, and finishing orders already paid for (see tenants/CONTEXT.md).
   */
  openWhenPlanExpired?: true;
  /** What each path parameter names, for the isolation suite (`{ id: 'order' }`). */
  resources?: { [K in ParamNames<Path>]?: string };
  rateLimits?: Array<RateLimitSpec<RouteInput<Path, B, Q, P>>>;
  /**
   * Honour the Idempotency-Key header (API.md), binding the key to the work (core/idempotency):
   * 'transaction' when the service runs its work in one withIdempotentTransaction, which stores
   * the answer with it; 'lease' (or true) when the work cannot sit in one transaction (an outside
   * gateway); or chosen per request.
   */
  idempotent?: boolean | IdempotencyMode | ((input: RouteInput<Path, B, Q, P>) => IdempotencyMode);
  audit?: AuditSpec<RouteInput<Path, B, Q, P>, NoInfer<R>>;
  /** The handler writes the response itself (downloads, redirects). */
  raw?: boolean;
  /** The handler needs the request's exact bytes (`req.rawBody`): a signature covers them. */
  rawBody?: boolean;
  /** What a raw route writes: its content types, or 'redirect' (a 302 with a Location); `response` describes its JSON. */
  produces?: readonly RawContent[];
  handler: (ctx: CtxFor<A>, input: RouteInput<Path, B, Q, P>, http: { req: Request; res: Response }) => Promise<R>;
}

// The registry stores routes with their generics erased.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteSpec<string, AuthKind | readonly TokenKind[], any, any, any, any>;

type RouteBuilder = <
  Path extends string,
  A extends AuthKind | readonly TokenKind[],
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
  R = unknown,
>(spec: RouteSpec<Path, A, B, Q, P, R>) => RouteSpec<Path, A, B, Q, P, R>;

/** A routes file's builder: `route({...})` types one route and keeps it in `route.list`. */
export interface RouteGroup extends RouteBuilder {
  readonly list: readonly AnyRoute[];
}

/**
 * One per routes file (`const route = routeGroup()`). Declaring a route registers nothing: the
 * module lists `route.list` in its declaration and installModules fills the registry.
 */
export function routeGroup(): RouteGroup {
  const list: AnyRoute[] = [];
  const build = ((spec: AnyRoute) => {
    list.push(spec);
    return spec;
  }) as RouteBuilder;
  return Object.assign(build, { list });
}

let registry: readonly AnyRoute[] = [];

/** Called once by the module installer with every module's routes. */
export function installRoutes(all: readonly AnyRoute[]): void {
  const seen = new Set<string>();
  for (const spec of all) {
    const key = `${spec.method.toUpperCase()} ${spec.path}`;
    if (seen.has(key)) throw new Error(`route ${key} declared twice`);
    if ((spec.feature || spec.openWhenPlanExpired) && !spec.tenant) throw new Error(`route ${key}: a plan applies to tenant routes only`);
    seen.add(key);
  }
  registry = [...all];
}

/** Where the body parser keeps the exact bytes: each rawBody route's path up to its first parameter. */
export function rawBodyPrefixes(): string[] {
  return registry.filter((r) => r.rawBody).map((r) => `${API_PREFIX}${r.path.split('/:')[0]}`);
}

export function routes(): readonly AnyRoute[] {
  return registry;
}

/**
 * Most specific first, segment by segment: a static segment before a parameter, so
 * `/supplier/products/export` is tried before `/supplier/products/:id` whatever the declaration
 * order. Ties keep the declaration order.
 */
export function bySpecificity(a: Pick<AnyRoute, 'path'>, b: Pick<AnyRoute, 'path'>): number {
  const shape = (path: string) => path.split('/').map((s) => (s.startsWith(':') ? 1 : 0));
  const as = shape(a.path);
  const bs = shape(b.path);
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    if (as[i] !== bs[i]) return as[i]! - bs[i]!;
  }
  // a shorter path never matches a longer one's requests; ordering it first keeps the sort total
  return as.length - bs.length;
}

export function allowedKinds(spec: Pick<AnyRoute, 'auth'>): TokenKind[] {
  if (spec.auth === 'public') return [];
  return Array.isArray(spec.auth) ? [...spec.auth] : [spec.auth as TokenKind];
}

export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
}

const idParam = z.coerce.number({ error: 'must be a positive integer id' }).int('must be a positive integer id').positive('must be a positive integer id').max(Number.MAX_SAFE_INTEGER);

const builtParams = new Map<string, z.ZodType>();

/** The route's own params schema, or one positive id per path parameter (built once per path). */
export function paramsSchema(spec: Pick<AnyRoute, 'path' | 'params'>): z.ZodType {
  if (spec.params) return spec.params as z.ZodType;
  let schema = builtParams.get(spec.path);
  if (!schema) {
    schema = z.object(Object.fromEntries(pathParamNames(spec.path).map((n) => [n, idParam])));
    builtParams.set(spec.path, schema);
  }
  return schema;
}

/** `prices[0].price` from zod's path. */
export function fieldPath(path: ReadonlyArray<PropertyKey>, prefix?: string): string {
  let out = prefix ?? '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

const bound = (value: unknown): number | undefined => (typeof value === 'number' || typeof value === 'bigint' ? Number(value) : undefined);

/** The field was not sent (zod keeps the input only when asked to report it: parseInput does). */
const missing = (issue: z.core.$ZodIssue): boolean =>
  'input' in issue ? issue.input === undefined || issue.input === null : /received (undefined|null)$/.test(issue.message);

/** zod's issue as the stable code and bounds the apps translate (`fields.<name>` + `validation.<code>`). */
export function issueCode(issue: z.core.$ZodIssue): Pick<FieldIssue, 'code' | 'minimum' | 'maximum'> {
  switch (issue.code) {
    case 'invalid_type':
      return { code: missing(issue) ? 'required' : 'invalid_type' };
    case 'too_small': {
      const sized = issue.origin === 'string' || issue.origin === 'array' || issue.origin === 'set';
      // an empty required text reads as missing, not as "at least 1 character"
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return { code: 'required' };
      return { code: sized ? 'too_short' : 'too_small', minimum: bound(issue.minimum) };
    }
    case 'too_big': {
      const sized = issue.origin === 'string' || issue.origin === 'array' || issue.origin === 'set';
      return { code: sized ? 'too_long' : 'too_big', maximum: bound(issue.maximum) };
    }
    case 'invalid_format':
      return { code: 'invalid_format' };
    case 'invalid_value':
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
      return { code: 'invalid_value' };
    case 'not_multiple_of':
      return { code: 'invalid_format' };
    default:
      return { code: 'invalid' };
  }
}

export function issuesOf(error: z.ZodError, prefix?: string): FieldIssue[] {
  return error.issues.flatMap((issue): FieldIssue[] =>
    // a strict object names the keys it refuses, each a field of its own
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: fieldPath([...issue.path, key], prefix), message: 'not a known field', code: 'unknown_field' }))
      : [{ field: fieldPath(issue.path, prefix) || prefix || 'body', message: issue.message, ...issueCode(issue) }],
  );
}

/** Parses with a schema or throws 400 validation_failed naming each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, part: 'body' | 'query' | 'params'): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  // body fields are named bare (`price`), query and path fields too: API.md names fields, not parts
  throw new ValidationError(issuesOf(result.error, part === 'body' && result.error.issues.some((i) => i.path.length === 0 && i.code !== 'unrecognized_keys') ? 'body' : undefined));
}

function bearer(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw unauthenticated('Malformed Authorization header');
  return match[1];
}

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

async function buildContext(spec: AnyRoute, req: Request, res: Response): Promise<Ctx> {
  let ctx = createContext({
    requestId: String(res.locals.requestId ?? ''),
    ip: req.ip ?? null,
    userAgent: req.get('user-agent') ?? null,
  });
  let token: string | undefined;
  let malformed: unknown;
  try {
    token = bearer(req);
  } catch (err) {
    malformed = err;
  }
  // both lookups at once (with Redis, their two reads leave in one write); a tenant error still wins
  const actorLookup = token ? actorFromToken(token) : undefined;
  actorLookup?.catch(() => undefined);
  if (spec.tenant) {
    const tenant = await resolveTenant(req.get('x-app-id') || undefined, req.hostname || req.get('host'));
    assertTenantActive(tenant);
    ctx = withTenant(ctx, tenant);
  }
  if (malformed) throw malformed;
  const kinds = allowedKinds(spec);
  if (actorLookup) {
    const actor = await actorLookup;
    if (!actor) throw unauthenticated('Invalid or expired token');
    const actorTenant = 'tenantId' in actor ? actor.tenantId : null;
    if (spec.tenant && actorTenant !== ctx.tenantId) throw unauthenticated('This token belongs to another shop');
    if (kinds.length && !kinds.includes(actor.kind as TokenKind)) throw unauthenticated(`This route needs a ${kinds.join(' or ')} token`);
    ctx = withActor(ctx, actor);
  } else if (kinds.length) {
    throw unauthenticated();
  }
  return ctx;
}

/** Console routes (`/admin/...`) stay readable under an expired plan; the storefront closes. */
function isConsole(spec: AnyRoute): boolean {
  return spec.path.startsWith('/admin/');
}

/**
 * What the tenant's plan allows: past its expiry the storefront answers 403 plan_expired, and so do
 * the console's writes except those open when the plan expired; a route of a feature the plan
 * lacks answers 403 plan_feature_unavailable.
 */
function assertPlanAllows(spec: AnyRoute, ctx: Ctx): void {
  assertPlanServes(ctx, clock.nowMs(), { feature: spec.feature, openWhenExpired: isConsole(spec) && (spec.method === 'get' || !!spec.openWhenPlanExpired) });
}

function assertMayWrite(spec: AnyRoute, ctx: Ctx): void {
  const readOnly = 'readOnly' in ctx.actor ? ctx.actor.readOnly : undefined;
  if (readOnly && spec.method !== 'get' && !spec.allowReadOnly) throw new AppError(403, readOnly.code, readOnly.message);
}

function idempotencyMode(spec: AnyRoute, input: unknown): IdempotencyMode {
  const given = spec.idempotent;
  if (typeof given === 'function') return given(input as never);
  return given === 'transaction' ? 'transaction' : 'lease';
}

function bodyHash(input: unknown): string {
  return createHash('sha256').update(JSON.stringify(input ?? null)).digest('hex');
}

async function handle(spec: AnyRoute, req: Request, res: Response): Promise<void> {
  const ctx = await buildContext(spec, req, res);
  await runInContext(ctx, async () => {
    if (spec.body && hasBody(req) && !req.is('application/json')) {
      throw new AppError(415, 'unsupported_media_type', 'Send the body as application/json');
    }
    assertPlanAllows(spec, ctx);
    assertMayWrite(spec, ctx);
    if (spec.permission) authorize(ctx, spec.permission[0], spec.permission[1]);
    const input = {
      params: parseInput(paramsSchema(spec), req.params, 'params'),
      query: spec.query ? parseInput(spec.query as z.ZodType, req.query, 'query') : undefined,
      body: spec.body ? parseInput(spec.body as z.ZodType, req.body ?? {}, 'body') : undefined,
    };
    for (const limit of spec.rateLimits ?? []) {
      const subject = limit.key ? limit.key(input, ctx) : (ctx.ip ?? 'unknown');
      if (subject) await hit(limit.rule, subject);
    }

    const run = async (runCtx: Ctx) => {
      const result = await spec.handler(runCtx as never, input as never, { req, res });
      if (spec.audit) {
        await recordAudit(runCtx, {
          action: spec.audit.action,
          ...(() => {
            const target = spec.audit!.target?.(input, result);
            return target ? { targetType: target.type, targetId: target.id } : {};
          })(),
          details: spec.audit.details?.(input, result),
        });
      }
      return { status: spec.statusOf?.(result) ?? spec.status ?? 200, body: result };
    };

    if (spec.raw) {
      if (spec.produces?.includes('text/html')) asPage(res);
      await run(ctx);
      return;
    }
    const key = spec.idempotent ? req.get('idempotency-key') : undefined;
    const reply = key
      ? await runIdempotent(ctx, `${spec.method} ${spec.path}`, key, bodyHash({ p: input.params, b: input.body }), run, { mode: idempotencyMode(spec, input), status: spec.status ?? 200 })
      : await run(ctx);
    // a refusal replayed for its Idempotency-Key is an error body, not the route's reply
    // a handler that returns nothing answers {}; one that returns null answers null (`T | null` replies)
    const body = reply.body === undefined ? {} : reply.body;
    if (spec.response && reply.status < 300 && checkingReplies()) checkReply(`${spec.method.toUpperCase()} ${spec.path}`, spec.response, body);
    sendJson(req, res, reply.status, body);
  });
}

/** A route as the API layer matches it: its path's segments, literal (lower case) or a parameter. */
interface Mounted {
  spec: AnyRoute;
  segments: ReadonlyArray<string | { param: string }>;
}

/** The routes under one first path segment: those of each literal second segment, and the rest. */
interface MountGroup {
  bySecond: Map<string, Mounted[]>;
  rest: Mounted[];
}

const SEGMENT = /^(?:[\w.~-]+|:[A-Za-z_]\w*)$/;

/** A route path is literal segments and `:name` parameters, nothing else the matcher would have to know. */
function mounted(spec: AnyRoute): Mounted {
  const parts = spec.path.split('/').slice(1);
  if (!spec.path.startsWith('/') || !parts.every((s) => SEGMENT.test(s))) throw new Error(`route ${spec.method.toUpperCase()} ${spec.path}: a path is literal segments and :name parameters`);
  return { spec, segments: parts.map((s) => (s.startsWith(':') ? { param: s.slice(1) } : s.toLowerCase())) };
}

const handles = (spec: AnyRoute, method: string) => spec.method === method || (method === 'head' && spec.method === 'get');

/** A path parameter as express decodes it: a malformed escape is the client's 400. */
function decodeParam(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    throw new AppError(400, 'bad_request', `Failed to decode param '${value}'`);
  }
}

/** The route's params for these path segments, or null when it does not match them. */
function paramsOf(route: Mounted, parts: readonly string[]): Record<string, string> | null {
  if (parts.length !== route.segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const segment = route.segments[i]!;
    const part = parts[i]!;
    if (typeof segment === 'string') {
      if (part !== segment && part.toLowerCase() !== segment) return null;
    } else {
      if (!part) return null;
      params[segment.param] = decodeParam(part);
    }
  }
  return params;
}

/**
 * The API is one layer of the app, and matches its routes itself: a request's first path segment
 * (`/shop`, `/admin`, ...) and then its second (`/shop/flash-sales`, `/admin/orders`) are looked
 * up in maps, then the few routes of that resource are tried in turn. Express would try a request
 * against each layer and route of its routers, a few hundred regular-expression tests and two
 * more routers' dispatch for every request. Matching is express's: case-insensitive, one trailing
 * slash allowed, parameters decoded, HEAD served by GET. Routes whose second segment is a
 * parameter, and requests no resource route answered, go to the segment's `rest`, after: a
 * literal segment wins over a parameter, as bySpecificity orders. A route's refusal is answered
 * where it is thrown, rather than walked through the app's remaining layers to its error middleware.
 */
export function mountRoutes(app: Express, list: readonly AnyRoute[] = registry): void {
  const groups = new Map<string, MountGroup>();
  for (const spec of [...list].sort(bySpecificity)) {
    if (spec.feature && !isFeature(spec.feature)) throw new Error(`route ${spec.method.toUpperCase()} ${spec.path}: feature ${spec.feature} is not installed`);
    const [, first = '', second = ''] = spec.path.split('/', 3);
    let group = groups.get(first.toLowerCase());
    if (!group) groups.set(first.toLowerCase(), (group = { bySecond: new Map(), rest: [] }));
    let routes = group.rest;
    if (second && !second.startsWith(':')) {
      const key = second.toLowerCase();
      routes = group.bySecond.get(key) ?? [];
      group.bySecond.set(key, routes);
    }
    routes.push(mounted(spec));
  }
  app.use(API_PREFIX, (req: Request, res: Response, next: NextFunction): void => {
    const path = req.path.length > 1 && req.path.endsWith('/') ? req.path.slice(0, -1) : req.path;
    const parts = path.split('/').slice(1);
    const group = groups.get((parts[0] ?? '').toLowerCase());
    if (!group) return next();
    const method = req.method.toLowerCase();
    try {
      for (const routes of [group.bySecond.get((parts[1] ?? '').toLowerCase()), group.rest]) {
        for (const route of routes ?? []) {
          if (!handles(route.spec, method)) continue;
          const params = paramsOf(route, parts);
          if (!params) continue;
          req.params = params;
          handle(route.spec, req, res).catch((err: unknown) => sendError(err, req, res));
          return;
        }
      }
    } catch (err) {
      return sendError(err, req, res);
    }
    next();
  });
}

/**
 * One error family for the whole platform. Each error carries the API code and HTTP status, so
 * the error middleware maps any of them to API.md's shape without knowing the module.
 */
/**
 * Why a field was refused, in a small stable set the apps translate (`message` stays English, for
 * developers): missing, too short or long (strings, lists), too small or big (numbers, with the
 * bound), malformed (email, pattern), of the wrong type, or not one of the allowed values.
 */
export type FieldIssueCode = 'required' | 'too_short' | 'too_long' | 'too_small' | 'too_big' | 'invalid_format' | 'invalid_type' | 'invalid_value' | 'unknown_field' | 'invalid';

export interface FieldIssue {
  field: string;
  message: string;
  code?: FieldIssueCode;
  /** The bound a too_short / too_small issue missed (characters, items or the number itself). */
  minimum?: number;
  /** The bound a too_long / too_big issue passed. */
  maximum?: number;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    // a 4xx is an answer, not a fault: nobody reads its stack, and a flash sale's thousands of
    // "sold out" a second would each capture one for nothing
    const limit = Error.stackTraceLimit;
    if (status < 500) Error.stackTraceLimit = 0;
    try {
      super(message);
    } finally {
      Error.stackTraceLimit = limit;
    }
    this.name = 'AppError';
  }
}

export class ValidationError extends AppError {
  constructor(readonly issues: FieldIssue[], message?: string) {
    super(400, 'validation_failed', message ?? `Invalid ${issues.map((i) => i.field || 'request').join(', ')}`, issues);
  }

  /** One refused field; `code` lets a screen word it (a check zod cannot express: a key, a code, a region). */
  static field(field: string, message: string, code?: FieldIssueCode): ValidationError {
    return new ValidationError([{ field, message, ...(code ? { code } : {}) }]);
  }
}

export const unauthenticated = (message = 'Sign in required') => new AppError(401, 'unauthenticated', message);
export const forbidden = (message = 'You are not allowed to do this', code = 'forbidden') => new AppError(403, code, message);
export const notFound = (what = 'Resource') => new AppError(404, 'not_found', `${what} not found`);
export const conflict = (code: string, message: string, details?: unknown) => new AppError(409, code, message, details);
export const invalidState = (message: string) => conflict('invalid_state', message);
export const rateLimited = (retryAfterSeconds: number, code = 'rate_limited', message = 'Too many requests, try again later') =>
  new AppError(429, code, message, { retryAfterSeconds });

/** Thrown by the tenant safety net: a programming error, never a client's fault. */
export class TenantScopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TenantScopeError';
  }
}

export function assertUnreachable(value: never): never {
  throw new Error(`unreachable: ${String(value)}`);
}

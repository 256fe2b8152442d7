/** Which engines this run uses; tests that need a real MySQL or Redis are pending without them. */
export const profile = process.env.TEST_PROFILE ?? 'embedded';
export const usingMysql = !!process.env.DATABASE_URL?.startsWith('mysql');
export const usingRedis = !!process.env.REDIS_URL;

export function requireMysql(test: Mocha.Context): void {
  if (!usingMysql) test.skip();
}

export function requireRedis(test: Mocha.Context): void {
  if (!usingRedis) test.skip();
}

import { expect } from 'chai';
import { createContext } from '../../server/src/core/context.js';
import { AppError } from '../../server/src/core/errors.js';
import { runIdempotent } from '../../server/src/core/idempotency.js';

describe('Idempotency-Key', () => {
  const ctx = createContext({ tenantId: 1, actor: { kind: 'shopper', id: 42, tenantId: 1, sessionId: 's' } });

  it('returns the first answer for the same key and body and runs the work once', async () => {
    let runs = 0;
    const work = async () => ({ status: 201, body: { id: ++runs } });
    const key = `k-${Math.random()}`;
    const first = await runIdempotent(ctx, 'post /x', key, 'hash-a', work);
    const second = await runIdempotent(ctx, 'post /x', key, 'hash-a', work);
    expect(first).to.deep.equal({ status: 201, body: { id: 1 } });
    expect(second).to.deep.equal(first);
    expect(runs).to.equal(1);
  });

  it('refuses the same key with another body, and while the first is running', async () => {
    const key = `k-${Math.random()}`;
    let release!: () => void;
    const slow = runIdempotent(ctx, 'post /x', key, 'hash-a', () => new Promise((resolve) => (release = () => resolve({ status: 200, body: {} }))));
    await new Promise((r) => setTimeout(r, 20));
    const during = await runIdempotent(ctx, 'post /x', key, 'hash-a', async () => ({ status: 200, body: {} })).catch((e: AppError) => e);
    expect((during as AppError).code).to.equal('idempotency_in_progress');
    release();
    await slow;
    const other = await runIdempotent(ctx, 'post /x', key, 'hash-b', async () => ({ status: 200, body: {} })).catch((e: AppError) => e);
    expect((other as AppError).status).to.equal(409);
    expect((other as AppError).code).to.equal('idempotency_key_reused');
  });

  it('replays a refusal, and lets a request that crashed be retried', async () => {
    const key = `k-${Math.random()}`;
    await runIdempotent(ctx, 'post /x', key, 'h', async () => {
      throw new AppError(409, 'insufficient_stock', 'gone');
    }).catch(() => undefined);
    const replay = await runIdempotent(ctx, 'post /x', key, 'h', async () => ({ status: 201, body: { ok: true } }));
    expect(replay.status).to.equal(409);
    expect((replay.body as { error: { code: string } }).error.code).to.equal('insufficient_stock');
    const crashKey = `k-${Math.random()}`;
    await runIdempotent(ctx, 'post /x', crashKey, 'h', async () => {
      throw new Error('crash');
    }).catch(() => undefined);
    const retried = await runIdempotent(ctx, 'post /x', crashKey, 'h', async () => ({ status: 201, body: { ok: true } }));
    expect(retried.status).to.equal(201);
  });
});

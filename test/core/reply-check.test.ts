import { expect } from 'chai';
import { z } from 'zod';
import { AppError } from '../../server/src/core/errors.js';
import { checkReply } from '../../server/src/core/reply-check.js';

const order = z.object({ id: z.number(), status: z.enum(['paid', 'shipped']), items: z.array(z.object({ title: z.string() })) });

function refusal(body: unknown): AppError {
  try {
    checkReply('GET /shop/orders/:id', order, body);
  } catch (err) {
    return err as AppError;
  }
  throw new Error('the reply was accepted');
}

describe('the reply check of the test configuration', () => {
  const quietly = <T>(fn: () => T): T => {
    const error = console.error;
    console.error = () => undefined;
    try {
      return fn();
    } finally {
      console.error = error;
    }
  };

  it('accepts a reply that matches its schema, as the client receives it (dates as ISO strings)', () => {
    expect(() => checkReply('GET /x', z.object({ at: z.string() }), { at: new Date(0) })).to.not.throw();
    expect(() => checkReply('GET /shop/orders/:id', order, { id: 1, status: 'paid', items: [{ title: 'tea' }] })).to.not.throw();
  });

  it('accepts null for a reply that may be null (the open conversation, when there is none)', () => {
    expect(() => checkReply('GET /shop/conversations/current', order.nullable(), null)).to.not.throw();
  });

  it('turns a mistyped or missing field into a 500 naming the route and the field', () => {
    const err = quietly(() => refusal({ id: '1', status: 'paid', items: [{}] }));
    expect(err.status).to.equal(500);
    expect(err.code).to.equal('reply_schema_mismatch');
    expect(err.message).to.contain('GET /shop/orders/:id');
    expect((err.details as Array<{ field: string }>).map((d) => d.field)).to.deep.equal(['id', 'items[0].title']);
  });

  it('refuses a field the schema does not name, however deep', () => {
    const err = quietly(() => refusal({ id: 1, status: 'paid', items: [{ title: 'tea', cost: 3 }], secret: 'x' }));
    expect((err.details as Array<{ field: string }>).map((d) => d.field)).to.deep.equal(['items[0].cost', 'secret']);
  });
});

import { expect } from 'chai';
import { Op } from 'sequelize';
import { z } from 'zod';
import { clock, minutes } from '../../server/src/core/clock.js';
import { systemContext } from '../../server/src/core/context.js';
import { withTransaction } from '../../server/src/core/db/index.js';
import { DomainEvent } from '../../server/src/core/event-store.js';
import { defineEvent, dispatchEvents, emit, installSubscriptions, listEvents, on, onEvery, replayEvents, type EventEnvelope } from '../../server/src/core/events.js';
import { Job, runDueJobs, startJobWorker, stopJobWorker } from '../../server/src/core/jobs.js';
import '../../server/src/modules/index.js';

const pinged = defineEvent('test.pinged', z.object({ n: z.number().int() }));
const nobodyListens = defineEvent('test.unheard', z.object({ n: z.number().int() }));
const replayed = defineEvent('test.replayed', z.object({ n: z.number().int() }));

const seen: string[] = [];
let secondFailsLeft = 0;

installSubscriptions([
  on(pinged, 'first', async (_ctx, e) => {
    seen.push(`first:${e.n}`);
  }),
  on(pinged, 'second', async (_ctx, e) => {
    if (secondFailsLeft > 0) {
      secondFailsLeft -= 1;
      throw new Error('second is down');
    }
    seen.push(`second:${e.n}`);
  }),
  on(replayed, 'late-comer', async (_ctx, e) => {
    seen.push(`late-comer:${e.n}`);
  }),
]);

/** Hears every type, tenant events only; keeps what it heard of this file's events. */
const heardByEvery: EventEnvelope[] = [];
installSubscriptions([
  onEvery('test.every', async (_ctx, e) => void (e.type.startsWith('test.') && heardByEvery.push(e)), { tenantOnly: true }),
]);

let counter = 1000;
const nextN = () => ++counter;
const rowsOf = (type: string, n: number) => DomainEvent.count({ where: { type, payload: JSON.stringify({ n }) } });
const deliveriesOf = (ids: number[]) => Job.count({ where: { name: { [Op.like]: 'event:test.%' }, dedupeKey: { [Op.in]: ids.flatMap((id) => [`event:${id}:first`, `event:${id}:second`]) } } });
const idsOf = async (type: string, ns: number[]) =>
  (await DomainEvent.findAll({ where: { type, payload: { [Op.in]: ns.map((n) => JSON.stringify({ n })) } }, attributes: ['id'] })).map((e) => e.id);

describe('typed events and their outbox', () => {
  const ctx = systemContext('test');
  beforeEach(async () => {
    secondFailsLeft = 0;
    await runDueJobs();
    seen.length = 0;
  });

  it('writes one row per event whatever the number of subscribers, and fans it out to each after commit', async () => {
    const [n, quiet] = [nextN(), nextN()];
    const jobsBefore = await Job.count();
    await withTransaction(ctx, async (tx) => {
      await emit(tx, pinged, { n });
      await emit(tx, nobodyListens, { n: quiet });
    });
    expect(await rowsOf(pinged.type, n)).to.equal(1);
    expect(await rowsOf(nobodyListens.type, quiet), 'an event nobody listens to is kept all the same').to.equal(1);
    expect(await Job.count(), 'no delivery is written with the event').to.equal(jobsBefore);
    await runDueJobs();
    expect(seen.sort()).to.deep.equal([`first:${n}`, `second:${n}`]);
    const stored = await DomainEvent.findAll({ where: { type: [pinged.type, nobodyListens.type], dispatchedAt: null } });
    expect(stored, 'every event is marked dispatched').to.deep.equal([]);
  });

  it('keeps no event and delivers nothing when the emitting transaction rolls back', async () => {
    const n = nextN();
    await withTransaction(ctx, async (tx) => {
      await emit(tx, pinged, { n });
      throw new Error('rolled back');
    }).catch(() => undefined);
    await runDueJobs();
    expect(await rowsOf(pinged.type, n)).to.equal(0);
    expect(seen).to.deep.equal([]);
  });

  it('retries a failing subscriber on its own: the other subscriber runs once and is not held up', async () => {
    const n = nextN();
    secondFailsLeft = 2;
    await withTransaction(ctx, (tx) => emit(tx, pinged, { n }));
    expect((await runDueJobs()).retried).to.equal(1);
    expect(seen).to.deep.equal([`first:${n}`]);
    clock.travel(minutes(1));
    await runDueJobs();
    clock.travel(minutes(1));
    await runDueJobs();
    expect(seen).to.deep.equal([`first:${n}`, `second:${n}`]);
  });

  it('leaves the events of a dispatcher that dies before committing to the next one, which delivers them once', async () => {
    const n = nextN();
    await withTransaction(ctx, (tx) => emit(tx, pinged, { n }));
    const [id] = await idsOf(pinged.type, [n]);
    const crashed = await dispatchEvents({ beforeCommit: () => Promise.reject(new Error('worker killed')) }).catch((err: Error) => err);
    expect(crashed).to.be.instanceOf(Error);
    expect((await DomainEvent.findByPk(id))?.dispatchedAt, 'still undispatched').to.equal(null);
    expect(await deliveriesOf([id!])).to.equal(0);
    await runDueJobs();
    await runDueJobs();
    expect(seen.sort()).to.deep.equal([`first:${n}`, `second:${n}`]);
  });

  it('delivers each event once to each subscriber when ten dispatchers race for them', async () => {
    const ns = Array.from({ length: 30 }, nextN);
    for (const n of ns) await withTransaction(ctx, (tx) => emit(tx, pinged, { n }));
    const ids = await idsOf(pinged.type, ns);
    const dispatched = await Promise.all(Array.from({ length: 10 }, () => dispatchEvents({ batch: 4 })));
    expect(dispatched.reduce((a, b) => a + b, 0), 'each event is claimed by one dispatcher').to.equal(ns.length);
    expect(await deliveriesOf(ids)).to.equal(ns.length * 2);
    await runDueJobs();
    expect(seen.sort()).to.deep.equal(ns.flatMap((n) => [`first:${n}`, `second:${n}`]).sort());
  });

  it('replays past events to one subscriber, within a time range, once however often it is asked', async () => {
    clock.freeze(new Date('2031-03-01T08:00:00Z'));
    const before = nextN();
    await withTransaction(ctx, (tx) => emit(tx, replayed, { n: before }));
    clock.travel(minutes(10));
    const from = clock.now();
    const ns = [nextN(), nextN(), nextN()];
    for (const n of ns) await withTransaction(ctx, (tx) => emit(tx, replayed, { n }));
    await runDueJobs();
    seen.length = 0;

    const filter = { type: replayed.type, from, to: new Date(from.getTime() + minutes(5)) };
    expect(await replayEvents(ctx, filter, 'late-comer')).to.equal(3);
    expect(await replayEvents(ctx, filter, 'late-comer'), 'a pending delivery is not scheduled twice').to.equal(0);
    await runDueJobs();
    expect(seen).to.deep.equal(ns.map((n) => `late-comer:${n}`));
  });

  it('lists stored events by type and time, newest first, a page at a time', async () => {
    clock.freeze(new Date('2032-07-01T00:00:00Z'));
    const from = clock.now();
    const ns = [nextN(), nextN(), nextN()];
    for (const n of ns) {
      clock.travel(1000);
      await withTransaction(ctx, (tx) => emit(tx, nobodyListens, { n }));
    }
    const page = await listEvents(ctx, { type: nobodyListens.type, from, to: new Date(from.getTime() + minutes(1)), page: 1, pageSize: 2 });
    expect(page.total).to.equal(3);
    expect(page.items.map((e) => e.payload)).to.deep.equal([{ n: ns[2] }, { n: ns[1] }]);
    expect(page.items[0]).to.include({ type: nobodyListens.type, tenantId: null, actorKind: 'system' });
  });

  it('refuses a payload its declaration does not accept, and writes nothing', async () => {
    const err = await withTransaction(ctx, (tx) => emit(tx, pinged, { n: 'seven' } as never)).catch((e: Error) => e);
    expect(err).to.be.instanceOf(Error);
    expect((err as Error).message).to.contain('test.pinged');
    expect(await DomainEvent.count({ where: { type: pinged.type, payload: { [Op.like]: '%seven%' } } })).to.equal(0);
  });

  it('runs the subscribers of a committed event at once when this process runs a worker, not at its next tick', async () => {
    const n = nextN();
    startJobWorker(60_000);
    try {
      await withTransaction(ctx, (tx) => emit(tx, pinged, { n }));
      for (let waited = 0; seen.length < 2 && waited < 3000; waited += 20) await new Promise((r) => setTimeout(r, 20));
      expect(seen.sort()).to.deep.equal([`first:${n}`, `second:${n}`]);
    } finally {
      await stopJobWorker();
    }
  });

  it('hands a subscriber to every type each tenant event with its type, id and time, never an event without a tenant; and replays to it', async () => {
    const [n, platformN] = [nextN(), nextN()];
    const shopCtx = systemContext('test', 424242);
    await withTransaction(shopCtx, (tx) => emit(tx, pinged, { n }));
    await withTransaction(ctx, (tx) => emit(tx, pinged, { n: platformN }));
    heardByEvery.length = 0;
    await runDueJobs();

    expect(heardByEvery.map((e) => e.payload)).to.deep.equal([{ n }]);
    const [heard] = heardByEvery;
    const [id] = await idsOf(pinged.type, [n]);
    expect(heard).to.deep.include({ id, tenantId: 424242, type: 'test.pinged' });
    expect(Date.parse(heard!.occurredAt)).to.be.closeTo(clock.nowMs(), 60_000);

    expect(await replayEvents(ctx, { tenantId: 424242, type: pinged.type }, 'test.every')).to.be.greaterThan(0);
    heardByEvery.length = 0;
    await runDueJobs();
    expect(heardByEvery.map((e) => e.payload)).to.deep.include({ n });
    expect(heardByEvery.map((e) => e.payload), 'a replay skips the platform\'s events too').not.to.deep.include({ n: platformN });
  });

  it('refuses a second subscription of one name to one event', () => {
    expect(() => installSubscriptions([on(pinged, 'first', async () => undefined)])).to.throw(/first to test.pinged/);
  });
});

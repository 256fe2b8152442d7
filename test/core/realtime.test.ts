import { expect } from 'chai';
import { io, type Socket } from 'socket.io-client';
import { emitTo, rooms } from '../../server/src/core/realtime.js';
import { startServer, type RunningServer } from '../support/server.js';
import { merchant, shopper, type TestMerchant } from '../factories/index.js';

function connect(server: RunningServer, host: string, token: string | undefined, appId?: string): Socket {
  return io(`http://127.0.0.1:${server.port}`, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: token ? { token } : {},
    extraHeaders: { host, ...(appId ? { 'x-app-id': appId } : {}) },
    reconnection: false,
    forceNew: true,
  });
}

function outcome(socket: Socket): Promise<'connected' | string> {
  return new Promise((resolve) => {
    socket.on('connect', () => resolve('connected'));
    socket.on('connect_error', (err) => resolve(err.message));
  });
}

describe('realtime handshake', () => {
  let server: RunningServer;
  let a: TestMerchant;
  let b: TestMerchant;
  const sockets: Socket[] = [];
  const open = (...args: Parameters<typeof connect>) => {
    const s = connect(...args);
    sockets.push(s);
    return s;
  };

  before(async () => {
    server = await startServer();
    a = await merchant();
    b = await merchant();
  });
  after(async () => {
    for (const s of sockets) s.close();
    await server.close();
  });

  it("accepts a shopper's and a staff member's token on their own shop's host", async () => {
    const s = await shopper(a.slug);
    expect(await outcome(open(server, a.host, s.token))).to.equal('connected');
    expect(await outcome(open(server, a.host, a.token))).to.equal('connected');
  });

  it('refuses a missing, forged or foreign token with "unauthenticated"', async () => {
    expect(await outcome(open(server, a.host, undefined))).to.equal('unauthenticated');
    expect(await outcome(open(server, a.host, 'not.a.token'))).to.equal('unauthenticated');
    expect(await outcome(open(server, b.host, a.token))).to.equal('unauthenticated');
  });

  it("delivers a room's events only to that tenant's staff", async () => {
    const mine = open(server, a.host, a.token);
    const theirs = open(server, b.host, b.token);
    await Promise.all([outcome(mine), outcome(theirs)]);
    const got: string[] = [];
    mine.on('order:updated', () => got.push('a'));
    theirs.on('order:updated', () => got.push('b'));
    emitTo(rooms.staff(a.id), 'order:updated', { id: 1, orderNo: 'X', status: 'paid' });
    await new Promise((r) => setTimeout(r, 150));
    expect(got).to.deep.equal(['a']);
  });
});

import { request as httpRequest } from 'node:http';
import { expect } from 'chai';
import { io, type Socket } from 'socket.io-client';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { emitTo, rooms } from '../../server/src/core/realtime.js';
import { requireRedis } from '../support/engines.js';
import { api, shopApi } from '../support/http.js';
import { startServer, type RunningServer } from '../support/server.js';
import { merchant, paidOrder, platformToken, shopper, staffWith, storeWithProduct, uniq, type TestMerchant } from '../factories/index.js';

interface ConnectOptions {
  appId?: string;
  origin?: string;
}

function connect(server: RunningServer, host: string, token: string | undefined, opts: ConnectOptions = {}): Socket {
  return io(`http://127.0.0.1:${server.port}`, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: token ? { token } : {},
    extraHeaders: { host, ...(opts.appId ? { 'x-app-id': opts.appId } : {}), ...(opts.origin ? { origin: opts.origin } : {}) },
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

/** Resolves with the reason the server gave, or 'still connected' after `ms`. */
function disconnection(socket: Socket, ms = 3_000): Promise<string> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('still connected'), ms);
    socket.on('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

/** The order numbers a socket hears from now on. */
function heard(socket: Socket): string[] {
  const got: string[] = [];
  socket.on('order:updated', (e: { orderNo: string }) => got.push(e.orderNo));
  return got;
}

const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));

/** The status a polling handshake gets from a page at `origin`, and whether the answer lets that page read it. */
function pollingHandshake(server: RunningServer, origin: string): Promise<{ status: number; allowOrigin: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, path: '/socket.io/?EIO=4&transport=polling', headers: { origin } }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, allowOrigin: res.headers['access-control-allow-origin'] as string | undefined });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('realtime', () => {
  let server: RunningServer;
  let a: TestMerchant;
  let b: TestMerchant;
  const sockets: Socket[] = [];
  const open = (...args: Parameters<typeof connect>) => {
    const s = connect(...args);
    sockets.push(s);
    return s;
  };
  const connected = async (...args: Parameters<typeof connect>) => {
    const s = open(...args);
    expect(await outcome(s)).to.equal('connected');
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

  describe('handshake', () => {
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

    it("accepts the platform's and its shops' own pages and clients without a page, refuses any other page", async () => {
      const domain = `${uniq('rt')}.example.cn`;
      expect((await shopApi(a.slug, a.token).post('/admin/store/domains').send({ domain })).status).to.equal(201);
      for (const origin of [`http://${a.host}:5173`, `https://${domain}`, `https://${b.host}`]) {
        expect(await outcome(open(server, a.host, a.token, { origin })), origin).to.equal('connected');
      }
      expect(await outcome(open(server, a.host, a.token)), 'a mini-program sends no Origin').to.equal('connected');
      for (const origin of ['https://evil.example', 'null', `https://${a.slug}.evil.example`]) {
        expect(await outcome(open(server, a.host, a.token, { origin })), origin).not.to.equal('connected');
      }
      const foreign = await pollingHandshake(server, 'https://evil.example');
      expect(foreign.status).to.equal(403);
      expect(foreign.allowOrigin).to.equal(undefined);
      const own = await pollingHandshake(server, `https://${domain}`);
      expect(own).to.deep.equal({ status: 200, allowOrigin: `https://${domain}` });
    });
  });

  describe('who hears order events', () => {
    it('sends them to staff who may read orders and to the order\'s shopper, to nobody else', async () => {
      const shop = await storeWithProduct();
      const reader = await staffWith(shop.m, ['orders.read']);
      const outsider = await staffWith(shop.m, ['customers.read', 'catalog.read']);
      const otherShopper = await shopper(shop.m.slug);
      const ears = {
        owner: heard(await connected(server, shop.m.host, shop.m.token)),
        reader: heard(await connected(server, shop.m.host, reader.token)),
        outsider: heard(await connected(server, shop.m.host, outsider.token)),
        buyer: heard(await connected(server, shop.m.host, shop.s.token)),
        otherShopper: heard(await connected(server, shop.m.host, otherShopper.token)),
        otherShop: heard(await connected(server, a.host, a.token)),
      };
      const order = await paidOrder(shop.m.slug, shop.s.token, { items: [{ skuId: shop.skuId, quantity: 1 }], addressId: shop.addressId });
      await runDueJobs();
      await settle();
      const got = Object.fromEntries(Object.entries(ears).map(([who, list]) => [who, list.includes(order.orderNo)]));
      expect(got).to.deep.equal({ owner: true, reader: true, outsider: false, buyer: true, otherShopper: false, otherShop: false });
    });

    it('moves a staff member\'s socket to the rooms of a changed role', async () => {
      const shop = await storeWithProduct();
      const staff = await staffWith(shop.m, ['orders.read']);
      const before = await connected(server, shop.m.host, staff.token);
      const gone = disconnection(before);
      const edited = await shopApi(shop.m.slug, shop.m.token).put(`/admin/roles/${staff.roleId}`).send({ permissions: ['customers.read'] });
      expect(edited.status).to.equal(200);
      expect(await gone).to.equal('io server disconnect');
      const ears = heard(await connected(server, shop.m.host, staff.token));
      const order = await paidOrder(shop.m.slug, shop.s.token, { items: [{ skuId: shop.skuId, quantity: 1 }], addressId: shop.addressId });
      await runDueJobs();
      await settle();
      expect(ears).not.to.include(order.orderNo);
    });
  });

  describe('revocation', () => {
    it("disconnects a disabled staff member's socket at once and lets it not back in", async () => {
      const staff = await staffWith(a, ['orders.read']);
      const socket = await connected(server, a.host, staff.token);
      const gone = disconnection(socket);
      expect((await shopApi(a.slug, a.token).delete(`/admin/staff/${staff.id}`)).status).to.equal(200);
      expect(await gone).to.equal('io server disconnect');
      expect(await outcome(open(server, a.host, staff.token))).to.equal('unauthenticated');
    });

    it("ends a signed-out session's sockets, and a password change every other session's", async () => {
      const own = await merchant();
      const login = async () => (await shopApi(own.slug).post('/admin/auth/login').send({ email: own.email, password: own.password })).body.token as string;
      const [first, second, third] = [await login(), await login(), await login()];
      const sockets = { first: await connected(server, own.host, first), second: await connected(server, own.host, second), third: await connected(server, own.host, third) };
      const ends = { first: disconnection(sockets.first, 1_500), second: disconnection(sockets.second, 1_500), third: disconnection(sockets.third, 1_500) };
      expect((await shopApi(own.slug, first).post('/admin/auth/logout')).status).to.equal(200);
      expect((await shopApi(own.slug, second).put('/admin/me/password').send({ currentPassword: own.password, newPassword: 'Changed#2026' })).status).to.equal(200);
      expect(await ends.first).to.equal('io server disconnect');
      expect(await ends.third).to.equal('io server disconnect');
      expect(await ends.second, 'the session that changed the password stays').to.equal('still connected');
    });

    it("ends every socket of a shop the platform suspends", async () => {
      const shop = await merchant();
      const buyer = await shopper(shop.slug);
      const ends = [disconnection(await connected(server, shop.host, shop.token)), disconnection(await connected(server, shop.host, buyer.token))];
      expect((await api({ token: await platformToken() }).post(`/platform/tenants/${shop.id}/suspend`)).status).to.equal(200);
      expect(await Promise.all(ends)).to.deep.equal(['io server disconnect', 'io server disconnect']);
      expect(await outcome(open(server, shop.host, buyer.token))).to.equal('tenant_suspended');
    });

    it('reaches a socket connected to another node sharing Redis, as do events', async function () {
      requireRedis(this);
      const other = await startServer();
      try {
        const staff = await staffWith(a, ['orders.read']);
        const elsewhere = connect(other, a.host, staff.token);
        sockets.push(elsewhere);
        expect(await outcome(elsewhere)).to.equal('connected');
        const ears = heard(elsewhere);
        emitTo(rooms.staffMember(a.id, staff.id), 'order:updated', { id: 1, orderNo: 'ACROSS-NODES', status: 'paid' });
        await settle();
        expect(ears).to.deep.equal(['ACROSS-NODES']);
        const gone = disconnection(elsewhere);
        expect((await shopApi(a.slug, a.token).patch(`/admin/staff/${staff.id}`).send({ status: 'disabled' })).status).to.equal(200);
        expect(await gone).to.equal('io server disconnect');
      } finally {
        await other.close();
      }
    });
  });
});

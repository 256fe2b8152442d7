/**
 * 申请售后 (`?orderId=`): the type (only a refund before anything shipped), the lines and how many
 * of each (lines another open case holds are shown as such; goods to send back must have shipped),
 * a preset reason, a description, the refund asked for (the server's quote by default, at most that),
 * then `POST /shop/orders/:id/aftersales`. Below, the order's cases and where each stands.
 */
import {
  caseBody,
  caseProblem,
  caseStatusText,
  caseTypesFor,
  heldLines,
  lineLimit,
  moneyBack,
  reasonCodes,
  reasonText,
  typeText,
  type CaseRequest,
  type CaseSummary,
  type CaseType,
  type OrderLine,
} from '../../lib/aftersales.js';
import { api, query } from '../../lib/api.js';
import { ensureSignedIn } from '../../lib/auth.js';
import { errorText, showError } from '../../lib/errors.js';
import { t } from '../../lib/i18n.js';
import { plainYuan, yuan } from '../../lib/money.js';
import { specsText } from '../../lib/orders.js';
import { pageData } from '../../lib/page.js';

interface Order {
  id: number;
  status: string;
  items: Array<OrderLine & { title: string; image: string | null; specs: Record<string, string>; unitPrice: number }>;
}

interface Case extends CaseSummary {
  amount: number;
  createdAt: string;
}

let order: Order | null = null;
let held = new Set<number>();
let quoted = 0;
let asked = 0;

const request = (d: Record<string, any>): CaseRequest => ({
  type: d.type as CaseType,
  reasonCode: d.reasonCode || null,
  reason: d.reason as string,
  images: [],
  picked: d.picked as Record<number, number>,
  amount: d.amountText ? Math.round(Number(d.amountText) * 100) : null,
});

Component({
  data: {
    ...pageData('aftersales'),
    loading: true,
    error: '',
    types: [] as Array<{ type: CaseType; label: string }>,
    type: 'refund_only' as CaseType,
    lines: [] as Array<{ id: number; title: string; image: string; specs: string; price: string; limit: number; note: string; picked: number }>,
    picked: {} as Record<number, number>,
    reasons: [] as Array<{ code: string; label: string }>,
    reasonCode: '',
    reason: '',
    money: true,
    quote: '',
    amountText: '',
    amountHint: '',
    problem: '',
    sending: false,
    cases: [] as Array<{ id: number; type: string; stage: string; amount: string; lines: string }>,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      wx.setNavigationBarTitle({ title: t('aftersales.form.title') });
      void this.load(Number(options.orderId || 0));
    },

    async load(orderId: number) {
      try {
        await ensureSignedIn();
        order = await api.get<Order>(`/shop/orders/${orderId}`);
        await this.loadCases();
        const types = caseTypesFor(order.status);
        this.setData({ types: types.map((x) => ({ type: x, label: typeText(x) })) });
        this.pickType(types[0]!);
      } catch (err) {
        this.setData({ error: errorText(err) });
      } finally {
        this.setData({ loading: false });
      }
    },

    async loadCases() {
      if (!order) return;
      const mine = await api.get<{ items: Case[] }>(`/shop/aftersales${query({ page: 1, pageSize: 100 })}`);
      const ofOrder = mine.items.filter((c) => c.orderId === order!.id);
      held = heldLines(order.id, ofOrder);
      this.setData({
        cases: ofOrder.map((c) => ({ id: c.id, type: typeText(c.type), stage: caseStatusText(c), amount: moneyBack(c.type) ? t('aftersales.list.amount', { amount: yuan(c.amount) }) : '', lines: '' })),
      });
    },

    onType(e: WechatMiniprogram.TouchEvent) {
      this.pickType((e.currentTarget.dataset as { type: CaseType }).type);
    },

    pickType(type: CaseType) {
      if (!order) return;
      const picked: Record<number, number> = {};
      for (const l of order.items) {
        const had = this.data.picked[l.id] ?? 0;
        const limit = lineLimit(l, type, held);
        if (had && limit) picked[l.id] = Math.min(had, limit);
      }
      // with one line to choose from, it is chosen
      const open = order.items.filter((l) => lineLimit(l, type, held) > 0);
      if (open.length === 1 && !Object.keys(picked).length) picked[open[0]!.id] = lineLimit(open[0]!, type, held);
      const codes = reasonCodes[type] as readonly string[];
      this.setData({
        type,
        picked,
        money: moneyBack(type),
        reasons: codes.map((c) => ({ code: c, label: reasonText(c) })),
        reasonCode: codes.includes(this.data.reasonCode) ? this.data.reasonCode : '',
      });
      this.showLines();
    },

    showLines() {
      if (!order) return;
      const type = this.data.type;
      this.setData({
        lines: order.items.map((l) => {
          const limit = lineLimit(l, type, held);
          const note = held.has(l.id)
            ? t('aftersales.form.held')
            : limit
              ? t('aftersales.form.available', { n: limit })
              : type === 'refund_only' || l.shippedQuantity
                ? t('aftersales.form.noneLeft')
                : t('aftersales.form.notShipped');
          return { id: l.id, title: l.title, image: l.image ?? '', specs: specsText(l.specs), price: yuan(l.unitPrice), limit, note, picked: this.data.picked[l.id] ?? 0 };
        }),
      });
      void this.refreshQuote();
    },

    toggleLine(e: WechatMiniprogram.TouchEvent) {
      const id = Number((e.currentTarget.dataset as { id: number }).id);
      const line = this.data.lines.find((l) => l.id === id);
      if (!line || !line.limit) return;
      const picked = { ...this.data.picked };
      if (picked[id]) delete picked[id];
      else picked[id] = line.limit;
      this.setData({ picked });
      this.showLines();
    },

    step(e: WechatMiniprogram.TouchEvent) {
      const { id, by } = e.currentTarget.dataset as { id: number; by: number };
      const line = this.data.lines.find((l) => l.id === Number(id));
      if (!line || !this.data.picked[line.id]) return;
      const next = Math.max(1, Math.min(line.limit, (this.data.picked[line.id] ?? 0) + Number(by)));
      this.setData({ picked: { ...this.data.picked, [line.id]: next } });
      this.showLines();
    },

    noop() {},

    onReason(e: WechatMiniprogram.TouchEvent) {
      this.setData({ reasonCode: (e.currentTarget.dataset as { code: string }).code, problem: '' });
    },

    onInput(e: WechatMiniprogram.Input) {
      const field = (e.currentTarget.dataset as { field: 'reason' | 'amountText' }).field;
      this.setData({ [field]: e.detail.value, problem: '' });
    },

    /** The server prices what is chosen (what the case would refund); an older answer never overwrites a newer one. */
    async refreshQuote() {
      const n = ++asked;
      const body = caseBody(request(this.data), order?.items ?? [], held);
      if (!order || !this.data.money || !body.items.length) {
        quoted = 0;
        this.setData({ quote: '', amountHint: '', amountText: '' });
        return;
      }
      try {
        const q = await api.post<{ amount: number }>(`/shop/orders/${order.id}/aftersales/quote`, { type: body.type, items: body.items });
        if (n !== asked) return;
        quoted = q.amount;
        this.setData({ quote: yuan(q.amount), amountText: plainYuan(q.amount), amountHint: t('aftersales.form.amountHint', { amount: yuan(q.amount) }) });
      } catch {
        if (n === asked) this.setData({ quote: '', amountHint: '' });
      }
    },

    async submit() {
      if (!order || this.data.sending) return;
      const r = request(this.data);
      const body = caseBody(r, order.items, held);
      let problem = caseProblem(r, body);
      if (!problem && r.amount && quoted && r.amount > quoted) problem = t('aftersales.form.amountTooHigh', { amount: yuan(quoted) });
      // the quoted amount is what the server gives by default: only a smaller one is sent
      if ('amount' in body && body.amount === quoted) delete (body as { amount?: number }).amount;
      if (problem) {
        this.setData({ problem });
        return;
      }
      this.setData({ sending: true });
      try {
        await api.post(`/shop/orders/${order.id}/aftersales`, body);
        wx.showToast({ title: t('aftersales.form.sent'), icon: 'success' });
        this.setData({ picked: {}, reasonCode: '', reason: '' });
        await this.loadCases();
        this.pickType(this.data.type);
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ sending: false });
      }
    },
  },
});

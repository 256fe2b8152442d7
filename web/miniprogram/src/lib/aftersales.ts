/**
 * After-sales for the shopper: the types and preset reasons they may pick, the lines and quantities
 * still open to a case, the request's body, and where a case stands. The rules are web/shared's
 * (`aftersale-rules.ts`, also behind the storefront and the console) and the words the shared
 * `aftersales` area, so a case reads the same in all three.
 */
import { caseTypesFor, OPEN_CASE_STATUSES, progressKeys, reasonCodes, stageKey, type CaseFacts, type CaseType } from '../../../shared/aftersale-rules.js';
import { t } from './i18n.js';

export { caseTypesFor, reasonCodes, type CaseType };

export interface OrderLine {
  id: number;
  quantity: number;
  shippedQuantity: number;
  refundedQuantity: number;
  refundingQuantity: number;
}

export interface CaseSummary extends CaseFacts {
  id: number;
  orderId: number;
  items: ReadonlyArray<{ orderItemId: number }>;
}

export const typeText = (type: string): string => t(`aftersales.type.${type}`);
export const reasonText = (code: string | null | undefined): string => (code ? t(`aftersales.reason.${code}`) : '');
export const caseStatusText = (c: CaseFacts): string => t(`aftersales.stage.${stageKey(c)}`);

export function caseSteps(c: CaseFacts): { steps: string[]; active: number; failed: boolean } {
  const p = progressKeys(c);
  return { ...p, steps: p.steps.map((k) => t(`aftersales.step.${k}`)) };
}

/** Lines an open case of this order is still working on. */
export const heldLines = (orderId: number, cases: readonly CaseSummary[]): Set<number> =>
  new Set(cases.filter((c) => c.orderId === orderId && OPEN_CASE_STATUSES.includes(c.status)).flatMap((c) => c.items.map((i) => i.orderItemId)));

/** Units of a line a case of this type may still ask about (0: none): goods to send back must have shipped. */
export function lineLimit(line: OrderLine, type: CaseType, held: ReadonlySet<number>): number {
  if (held.has(line.id)) return 0;
  const left = line.quantity - line.refundedQuantity - line.refundingQuantity;
  return Math.max(0, type === 'refund_only' ? left : Math.min(line.shippedQuantity, left));
}

/** Whether the type gives money back (the others send goods back). */
export const moneyBack = (type: CaseType): boolean => type === 'refund_only' || type === 'return_refund';

export interface CaseRequest {
  type: CaseType;
  reasonCode: string | null;
  reason: string;
  images: string[];
  /** Units per order line (0 or absent: not asked about). */
  picked: Record<number, number>;
  /** Fen the shopper asks back; absent: what the server computes. */
  amount?: number | null;
}

/** The body of `POST /shop/orders/:id/aftersales`, only what was chosen. */
export function caseBody(r: CaseRequest, lines: readonly OrderLine[], held: ReadonlySet<number>) {
  const items = lines
    .map((l) => ({ orderItemId: l.id, quantity: Math.min(r.picked[l.id] ?? 0, lineLimit(l, r.type, held)) }))
    .filter((i) => i.quantity > 0);
  const reason = r.reason.trim();
  return {
    type: r.type,
    ...(r.reasonCode ? { reasonCode: r.reasonCode } : {}),
    ...(reason ? { reason } : {}),
    ...(r.images.length ? { images: r.images } : {}),
    items,
    ...(r.amount && moneyBack(r.type) ? { amount: r.amount } : {}),
  };
}

/** What keeps the request from being sent, in words (empty: ready). */
export function caseProblem(r: CaseRequest, body: { items: unknown[] }): string {
  if (!body.items.length) return t('aftersales.form.pickGoods');
  if (!r.reasonCode) return t('aftersales.form.reasonRequired');
  const reason = r.reason.trim();
  if (reason && reason.length < 2) return t('validation.too_short', { field: t('fields.reason'), minimum: 2 });
  return '';
}

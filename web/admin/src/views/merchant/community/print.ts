/** The pick list as a page of its own, printed from a new window: per point (one page each), per supplier, in total. */
import { specText } from '../../../format';
import type { PickList } from './types';

const esc = (s: string | number) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

type Line = PickList['totals'][number];
const table = (head: string[], rows: Array<Array<string | number>>) =>
  `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;

export function printPickList(list: PickList, t: (key: string, named?: Record<string, unknown>) => string, ownerName: (s: PickList['suppliers'][number]) => string): void {
  const goods = [t('community.fields.product'), t('community.fields.spec'), t('community.fields.quantity')];
  const lines = (ls: Line[]) => ls.map((l) => [l.title, specText(l.specs) || '—', l.quantity]);
  const points = list.points
    .map((p) => `<section class="page"><h2>${esc(p.pointName)}</h2><p>${esc(`${p.leaderName} · ${p.phone} · ${p.address}`)}</p><p>${esc(t('community.orderCount', { n: p.orders }))}</p>${table(goods, lines(p.lines))}</section>`)
    .join('');
  const suppliers = table([t('community.fields.supplier'), ...goods], list.suppliers.flatMap((s) => s.lines.map((l) => [ownerName(s), l.title, specText(l.specs) || '—', l.quantity])));
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${esc(list.name)}</title><style>
    body{font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:24px;color:#222}
    h1{font-size:20px;margin:0 0 4px}h2{font-size:17px;margin:0 0 4px}p{margin:2px 0;font-size:13px;color:#555}
    table{width:100%;border-collapse:collapse;margin:8px 0 16px}th,td{border:1px solid #999;padding:6px 8px;font-size:13px;text-align:left}td:last-child,th:last-child{text-align:right;width:70px}
    .page{page-break-after:always;margin-top:16px}@media print{body{margin:0}}
  </style></head><body><h1>${esc(t('community.printTitle', { name: list.name }))}</h1><p>${esc(t('community.cutoffAt', { time: list.cutoffAt.slice(0, 16).replace('T', ' ') }))} · ${esc(t('community.deliverAt', { date: list.deliverAt.slice(0, 10) }))}</p>
  ${points}<section class="page"><h2>${esc(t('community.bySupplier'))}</h2>${suppliers}<h2>${esc(t('community.totals'))}</h2>${table(goods, lines(list.totals))}</section></body></html>`;
  const w = window.open('', '_blank');
  if (!w) return;
  w.document.write(html);
  w.document.close();
  w.focus();
  w.print();
}

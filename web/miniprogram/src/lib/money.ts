/** Money in the shop API is integer fen (API.md, "Conventions"); a person reads yuan. */
export type Fen = number;

/** 1250 -> "¥12.50"; negative amounts keep their sign before the ¥ ("-¥3.00"). */
export function yuan(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  return `${sign}¥${plainYuan(Math.abs(fen))}`;
}

/** 1250 -> "12.50" (for layouts that draw the ¥ smaller than the figure). */
export function plainYuan(fen: Fen): string {
  const abs = Math.round(Math.abs(fen));
  const text = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return fen < 0 ? `-${text}` : text;
}

/** A price split for display: "¥" + "12" + ".50", as shop cards draw it. */
export function priceParts(fen: Fen): { int: string; dec: string } {
  const [int, dec] = plainYuan(fen).split('.') as [string, string];
  return { int, dec: `.${dec}` };
}

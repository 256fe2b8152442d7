/**
 * Money is an integer of fen everywhere; yuan appear only as text at the edges (sheets a merchant
 * edits, gateways that speak yuan). Conversions are string arithmetic: a float never touches money.
 */
export type Fen = number;

/** "19.9" -> 1990, "0.01" -> 1; null for anything else (a sign, three decimals, more than 9 digits of yuan). */
export function yuanToFen(text: string): Fen | null {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.replace(/^0+(?=\d)/, ''));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** 1990 -> "19.90". */
export function fenToYuan(fen: Fen): string {
  return `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

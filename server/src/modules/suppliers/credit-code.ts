/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters over 0-9 and 21 capital letters (no I, O, Z, S,
 * V); the 18th is a check character: 31 - (sum of value x weight mod 31), 31 meaning 0.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i] ?? '');
    if (v < 0) return null;
    sum += v * WEIGHTS[i]!;
  }
  const check = 31 - (sum % 31);
  return ALPHABET[check === 31 ? 0 : check]!;
}

export function isValidCreditCode(code: string): boolean {
  return /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code) && creditCodeCheckChar(code.slice(0, 17)) === code[17];
}

/**
 * The carriers the consoles and the storefront offer in their pickers; the API takes the code (or
 * any other name typed), and screens show the name back from the code (messages area `carriers`).
 */
import { labelOf } from './labels';
import { t } from './i18n';

const CODES = ['shunfeng', 'zhongtong', 'yuantong', 'yunda', 'shentong', 'jtexpress', 'jd', 'ems', 'youzhengguonei', 'debangkuaidi'] as const;

/** `[{ code, name }]`; each name is read in the current language. */
export const carriers: ReadonlyArray<{ code: string; readonly name: string }> = CODES.map((code) => ({
  code,
  get name() {
    return t(`carriers.${code}`);
  },
}));

/** "shunfeng" -> "顺丰速运"; a carrier typed by hand is shown as typed. */
export const carrierName = (code: string | null | undefined): string => labelOf('carriers', code);

/**
 * The address book's rules, apart from any page: what the mini-program's `<picker mode="region">`
 * gives (names and GB/T 2260 codes of province, city, district) turned into the body of
 * `POST|PUT /shop/addresses`, and the form checked as the server checks it (`customers/schemas.ts`),
 * with the shared field and validation words, so a shopper is told before the request goes out.
 */
import { t } from './i18n.js';

/** An address as `GET /shop/addresses` answers it. */
export interface Address {
  id: number;
  isDefault: boolean;
  name: string;
  phone: string;
  regionCode: string | null;
  province: string;
  city: string;
  district: string;
  detail: string;
}

export interface Region {
  province: string;
  city: string;
  district: string;
  /** The district's 6-digit code; null when the picker gave none. */
  regionCode: string | null;
}

export interface AddressForm extends Region {
  name: string;
  phone: string;
  detail: string;
  isDefault: boolean;
}

export type AddressField = 'name' | 'phone' | 'region' | 'detail';
export type AddressErrors = Partial<Record<AddressField, string>>;

export const PHONE = /^1[3-9]\d{9}$/;
const DISTRICT_CODE = /^\d{6}$/;

/** `<picker mode="region">`'s change event detail: `value` names, `code` codes (both [province, city, district]). */
export function regionFromPicker(detail: { value?: string[]; code?: string[] }): Region | null {
  const [province, city, district] = detail.value ?? [];
  if (!province || !city || !district) return null;
  const code = detail.code?.[2];
  return { province, city, district, regionCode: code && DISTRICT_CODE.test(code) ? code : null };
}

/** The picker's `value` for an address being edited (empty: the picker opens at its default). */
export const pickerValue = (r: Partial<Region>): string[] => (r.province && r.city && r.district ? [r.province, r.city, r.district] : []);

/** "浙江省 杭州市 西湖区", a municipality named once ("上海市 浦东新区"), as web/shared/regions.ts writes it. */
export function regionText(r: Partial<Region>): string {
  if (!r.province) return '';
  return (r.city === r.province ? [r.province, r.district] : [r.province, r.city, r.district]).filter(Boolean).join(' ');
}

export const addressLine = (a: Pick<Address, 'province' | 'city' | 'district' | 'detail'>): string => `${regionText(a)} ${a.detail}`.trim();

/** 138****8000, for lists where the whole number is not needed. */
export const maskedPhone = (phone: string): string => (/^\d{11}$/.test(phone) ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone);

export function emptyForm(): AddressForm {
  return { name: '', phone: '', province: '', city: '', district: '', regionCode: null, detail: '', isDefault: false };
}

export function formOf(a: Address): AddressForm {
  return { name: a.name, phone: a.phone, province: a.province, city: a.city, district: a.district, regionCode: a.regionCode, detail: a.detail, isDefault: a.isDefault };
}

const required = (field: string) => t('validation.required', { field: t(`fields.${field}`) });

/** Each field's problem in words (empty object: the form can be sent). */
export function validateAddress(f: AddressForm): AddressErrors {
  const out: AddressErrors = {};
  const name = f.name.trim();
  const phone = f.phone.replace(/\s+/g, '');
  const detail = f.detail.trim();
  if (!name) out.name = required('address_name');
  else if (name.length > 32) out.name = t('validation.too_long', { field: t('fields.address_name'), maximum: 32 });
  if (!phone) out.phone = required('address_phone');
  else if (!PHONE.test(phone)) out.phone = t('validation.phone.invalid_format');
  if (!f.province || !f.city || !f.district) out.region = t('checkout.address.regionRequired');
  if (!detail) out.detail = required('detail');
  else if (detail.length < 2) out.detail = t('validation.too_short', { field: t('fields.detail'), minimum: 2 });
  else if (detail.length > 255) out.detail = t('validation.too_long', { field: t('fields.detail'), maximum: 255 });
  return out;
}

export interface AddressBody {
  name: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  detail: string;
  isDefault: boolean;
  regionCode?: string;
}

/**
 * The body of `POST /shop/addresses` (and `PUT /shop/addresses/:id`). The district's code goes along
 * when the picker gave one: the server then names the region from its own data set, so an address
 * reads the same in every app. `withCode: false` leaves it out, for a code the server does not know
 * (WeChat's region data may be newer than the server's).
 */
export function addressBody(f: AddressForm, opts: { withCode?: boolean } = {}): AddressBody {
  const body: AddressBody = {
    name: f.name.trim(),
    phone: f.phone.replace(/\s+/g, ''),
    province: f.province,
    city: f.city,
    district: f.district,
    detail: f.detail.trim(),
    isDefault: f.isDefault,
  };
  if (f.regionCode && opts.withCode !== false) body.regionCode = f.regionCode;
  return body;
}

/** The server refused the region's code (and nothing else): worth sending again by names only. */
export const codeRefused = (err: unknown): boolean => {
  const e = err as { code?: string; details?: Array<{ field?: string }> };
  return e?.code === 'validation_failed' && Array.isArray(e.details) && e.details.length > 0 && e.details.every((d) => d.field === 'regionCode');
};

/** The server's field errors on the form's fields (the rest go to a toast). */
export function fieldErrors(details: unknown): AddressErrors {
  const out: AddressErrors = {};
  if (!Array.isArray(details)) return out;
  for (const d of details as Array<{ field?: string; code?: string }>) {
    const field = (d.field ?? '').split('.').pop() ?? '';
    const target: AddressField | null = field === 'name' || field === 'phone' || field === 'detail' ? field : ['province', 'city', 'district', 'regionCode'].includes(field) ? 'region' : null;
    if (target && !out[target]) out[target] = target === 'phone' ? t('validation.phone.invalid_format') : target === 'region' ? t('checkout.address.regionRequired') : t('validation.invalid', { field: t(`fields.${target === 'name' ? 'address_name' : 'detail'}`) });
  }
  return out;
}

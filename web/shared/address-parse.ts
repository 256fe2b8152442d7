/**
 * Paste-to-fill: splits a pasted address line ("张三 13800138000 浙江省杭州市西湖区文三路 100 号",
 * "收货人：李四，电话：139-0013-9000，地址：上海市浦东新区世纪大道 1 号") into the receiver's name,
 * a mobile number, a district of the region data set and the rest of the address. Tolerant of the
 * way people write addresses: 省/市/区 left off ("浙江杭州西湖区"), a municipality named once
 * ("北京朝阳区"), the province left off ("杭州市西湖区"), spaces between the parts, labels and
 * full-width punctuation. Pure: no DOM, no network.
 */
import { areaList, cityCodeOf, provinceCodeOf, regionOf, type Region } from './regions.js';

export interface ParsedAddress {
  name?: string;
  phone?: string;
  /** The district found, with its code; absent when no province, city or district was recognised. */
  region?: Region;
  /** The province, or province and city, when the district itself was not recognised. */
  partial?: { province: string; city?: string };
  /** What is left of the address after the region: street, building, room. */
  detail?: string;
}

// ---- the region data, by the names people write ----

interface Place {
  code: string;
  aliases: string[];
}

const PROVINCE_SUFFIX = /(壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市)$/;
const CITY_SUFFIX = /(市|地区|盟)$/;
const DISTRICT_SUFFIX = /(自治县|自治旗|区|县|市|旗)$/;

/** The full name first, then shorter forms; longer aliases are tried first. */
function aliasesOf(name: string, suffix: RegExp): string[] {
  const out = new Set([name]);
  const short = name.replace(suffix, '');
  if (short.length >= 2) out.add(short);
  // 延边朝鲜族自治州 is written 延边; 黔西南布依族苗族自治州 黔西南
  if (name.endsWith('自治州')) for (const n of [2, 3, 4]) out.add(name.slice(0, n));
  return [...out].sort((a, b) => b.length - a.length);
}

const places = (list: Record<string, string>, suffix: RegExp): Place[] =>
  Object.entries(list)
    // the data's placeholders (省直辖县, Chongqing's 县) are never written in an address
    .filter(([, name]) => name.length >= 2 && !name.includes('直辖'))
    .map(([code, name]) => ({ code, aliases: aliasesOf(name, suffix) }));

let index: { provinces: Place[]; cities: Place[]; districts: Place[] } | null = null;

/** Built on first use: the parser costs nothing until someone pastes. */
function regionIndex() {
  index ??= {
    provinces: places(areaList.province_list, PROVINCE_SUFFIX),
    cities: places(areaList.city_list, CITY_SUFFIX),
    districts: places(areaList.county_list, DISTRICT_SUFFIX),
  };
  return index;
}

/** The longest alias of one of the places that starts at `at`, and where it ends. */
function matchAt(text: string, at: number, candidates: Place[]): { place: Place; end: number } | null {
  let best: { place: Place; end: number } | null = null;
  for (const place of candidates) {
    for (const alias of place.aliases) {
      if (text.startsWith(alias, at) && (!best || at + alias.length > best.end)) best = { place, end: at + alias.length };
    }
  }
  return best;
}

const skipSpaces = (text: string, at: number): number => {
  while (at < text.length && /\s/.test(text[at]!)) at += 1;
  return at;
};

interface RegionMatch {
  start: number;
  end: number;
  region?: Region;
  partial?: { province: string; city?: string };
}

/** From `at`: a province, then a city of it, then a district of that; each may be left off except that the first found anchors the rest. */
function regionFrom(text: string, at: number): RegionMatch | null {
  const { provinces, cities, districts } = regionIndex();
  const province = matchAt(text, at, provinces);
  let pos = province ? skipSpaces(text, province.end) : at;
  const provinceCode = province?.place.code;
  const inProvince = (p: Place) => !provinceCode || provinceCodeOf(p.code) === provinceCode;
  const city = matchAt(text, pos, cities.filter(inProvince));
  // a city alone anchors an address only by its full name or a short name of two characters or more
  if (!province && !city) return null;
  if (city) pos = skipSpaces(text, city.end);
  const cityCode = city?.place.code;
  const district = matchAt(text, pos, districts.filter((d) => (cityCode ? cityCodeOf(d.code) === cityCode : inProvince(d))));
  if (district) return { start: at, end: district.end, region: regionOf(district.place.code) ?? undefined };
  const provinceName = areaList.province_list[provinceCodeOf((city ?? province)!.place.code)]!;
  return { start: at, end: pos, partial: { province: provinceName, city: city ? areaList.city_list[city.place.code] : undefined } };
}

/** The first place in the text where a region starts (a province, else a city). */
function findRegion(text: string): RegionMatch | null {
  for (let at = 0; at < text.length; at += 1) {
    const found = regionFrom(text, at);
    if (found) return found;
  }
  return null;
}

// ---- the line itself ----

/** Full-width digits, letters and punctuation as their ASCII twins; 　 as a space. */
const halfWidth = (s: string): string => s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');

const LABEL = /(收货人|收件人|联系人|姓名|名字|手机号码|手机号|手机|联系电话|电话|所在地区|详细地址|收货地址|地址|邮编|邮政编码)\s*[:：]?/g;
const MOBILE = /(?<!\d)(?:\+?86[\s-]?)?(1[3-9]\d(?:[\s-]?\d){8})(?!\d)/;
const SEPARATORS = /[,，;；|、\n\r\t]+/;
const POSTCODE = /(?<!\d)\d{6}(?!\d)/;

/** A receiver's name: a few characters, no digits, nothing that reads like an address. */
const looksLikeName = (s: string): boolean => s.length >= 1 && s.length <= 20 && !/\d/.test(s) && !/[省市区县路街号楼室栋]$/.test(s);

const tidy = (s: string): string =>
  s
    .replace(/\s+/g, ' ')
    .replace(/^[\s,，.。:：;；-]+|[\s,，;；:：-]+$/g, '')
    .trim();

export function parseAddress(input: string): ParsedAddress {
  let text = halfWidth(input).replace(LABEL, '|');
  const out: ParsedAddress = {};

  const mobile = MOBILE.exec(text);
  if (mobile) {
    out.phone = mobile[1]!.replace(/\D/g, '');
    text = text.slice(0, mobile.index) + '|' + text.slice(mobile.index + mobile[0].length);
  }

  const segments = text.split(SEPARATORS).map((s) => s.trim()).filter(Boolean);
  let addressAt = -1;
  for (const [i, segment] of segments.entries()) {
    const found = findRegion(segment);
    if (!found) continue;
    addressAt = i;
    if (found.region) out.region = found.region;
    else out.partial = found.partial;
    const before = tidy(segment.slice(0, found.start));
    let detail = tidy(segment.slice(found.end));
    // "…文三路 100 号 张三": a name written after the address, set off by a space
    const trailing = /\s([\u4e00-\u9fa5]{2,4})$/.exec(detail);
    if (trailing && !before && !/[路街号楼室栋弄巷村组]$/.test(trailing[1]!)) {
      out.name = trailing[1];
      detail = tidy(detail.slice(0, trailing.index));
    }
    if (before && looksLikeName(before)) out.name ??= before;
    if (detail) out.detail = detail;
    break;
  }

  const rest = segments.filter((_, i) => i !== addressAt).map(tidy).filter((s) => s && !POSTCODE.test(s));
  const name = rest.find(looksLikeName)?.split(' ')[0];
  if (name) out.name ??= name;
  // the region alone on its line ("所在地区：四川省 成都市 武侯区"), or none recognised: the longest
  // other piece is the rest of the address as typed
  if (!out.detail) {
    const detail = rest.filter((s) => s !== out.name).sort((a, b) => b.length - a.length)[0];
    if (detail) out.detail = detail;
  }
  return out;
}

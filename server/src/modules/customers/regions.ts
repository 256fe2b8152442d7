/**
 * China's provinces, cities and districts by their 6-digit administrative codes, from the same data
 * set the storefront's region picker shows (`@vant/area-data`), so a code the picker sends is a
 * code the server knows. A district's code carries its city's (first four digits) and province's
 * (first two); the names an address keeps are derived from it, never trusted from the client.
 */
import { areaList } from '@vant/area-data';

export interface Region {
  code: string;
  province: string;
  city: string;
  district: string;
}

/** Chongqing's counties sit under a "city" named 县 in the data: an address names the municipality instead. */
const PLACEHOLDER_CITIES = new Set(['县']);

/** The district with this code and the city and province above it, or null for no such district. */
export function regionOf(code: string): Region | null {
  if (!/^\d{6}$/.test(code)) return null;
  const district = areaList.county_list[code];
  const province = areaList.province_list[`${code.slice(0, 2)}0000`];
  const city = areaList.city_list[`${code.slice(0, 4)}00`];
  if (!district || !province || !city) return null;
  return { code, province, city: PLACEHOLDER_CITIES.has(city) ? province : city, district };
}

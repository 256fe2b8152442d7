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

/**
 * The data's placeholder cities: Chongqing's counties sit under a "city" named 县 (an address names
 * the municipality there), and county-level cities a province runs directly (仙桃市) under 省直辖县
 * (an address names the district as its city too). The server and the storefront name them alike.
 */
function cityName(city: string, province: string, district: string): string {
  if (city === '县') return province;
  return city.includes('直辖') ? district : city;
}

/** The district with this code and the city and province above it, or null for no such district. */
export function regionOf(code: string): Region | null {
  if (!/^\d{6}$/.test(code)) return null;
  const district = areaList.county_list[code];
  const province = areaList.province_list[`${code.slice(0, 2)}0000`];
  const city = areaList.city_list[`${code.slice(0, 4)}00`];
  if (!district || !province || !city) return null;
  return { code, province, city: cityName(city, province, district), district };
}

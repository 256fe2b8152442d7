/**
 * China's provinces, cities and districts by their 6-digit codes (`@vant/area-data`, the data set
 * Vant's `van-area` shows and the server checks codes against). A district's code carries its
 * city's (first four digits, then `00`) and its province's (first two, then `0000`).
 */
import { areaList } from '@vant/area-data';

export { areaList };

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

export const provinceCodeOf = (code: string): string => `${code.slice(0, 2)}0000`;
export const cityCodeOf = (code: string): string => `${code.slice(0, 4)}00`;

/** The district with this code and the city and province above it, or null for no such district. */
export function regionOf(code: string | null | undefined): Region | null {
  if (!code || !/^\d{6}$/.test(code)) return null;
  const district = areaList.county_list[code];
  const province = areaList.province_list[provinceCodeOf(code)];
  const city = areaList.city_list[cityCodeOf(code)];
  if (!district || !province || !city) return null;
  return { code, province, city: cityName(city, province, district), district };
}

/** "浙江省 杭州市 西湖区", a municipality named once ("上海市 浦东新区"). */
export function regionText(r: { province: string; city: string; district: string }): string {
  return (r.city === r.province ? [r.province, r.district] : [r.province, r.city, r.district]).join(' ');
}

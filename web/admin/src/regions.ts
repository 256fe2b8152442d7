/** The region data set as cascader options (province > city > district by code), built once on first use. */
import { areaList } from '../../shared/regions';

export interface RegionOption {
  value: string;
  label: string;
  children?: RegionOption[];
}

let built: RegionOption[] | null = null;

export function regionOptions(): RegionOption[] {
  if (built) return built;
  const byPrefix = (list: Record<string, string>, prefix: string) => Object.entries(list).filter(([code]) => code.startsWith(prefix));
  built = Object.entries(areaList.province_list).map(([p, province]) => ({
    value: p,
    label: province,
    children: byPrefix(areaList.city_list, p.slice(0, 2)).map(([c, city]) => ({
      value: c,
      label: city,
      children: byPrefix(areaList.county_list, c.slice(0, 4)).map(([d, district]) => ({ value: d, label: district })),
    })),
  }));
  return built;
}

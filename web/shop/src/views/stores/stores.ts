/** The shop's stores as the storefront reads them (`GET /shop/stores`), and where the shopper is. */
export interface ShopStore {
  id: number;
  name: string;
  address: string;
  hours: string;
  phone: string;
  distanceM: number | null;
  pickup: boolean;
  deliveryRadiusM: number;
  deliveryFee: number;
  delivers: boolean;
  inStock: boolean | null;
  missing: number[];
}

/** The browser's position, if it gives one within a few seconds (no position: stores in the shop's order). */
export function here(timeoutMs = 3000): Promise<{ lat: number; lng: number } | null> {
  if (typeof navigator === 'undefined' || !navigator.geolocation) return Promise.resolve(null);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        clearTimeout(timer);
        resolve({ lat: p.coords.latitude, lng: p.coords.longitude });
      },
      () => {
        clearTimeout(timer);
        resolve(null);
      },
      { timeout: timeoutMs, maximumAge: 600_000 },
    );
  });
}

/** 350 m, 2.4 km. */
export function distanceText(m: number): string {
  return m < 1000 ? `${m} m` : `${(m / 1000).toFixed(1)} km`;
}

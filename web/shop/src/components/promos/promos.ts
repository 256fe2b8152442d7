/**
 * The storefront's reading of promotions on product views (market's `promoPrice`, `promo`,
 * `activities`), shared by the cards, the product page and the cart. Kept apart so the shared pages
 * insert a component each and nothing else.
 */
import { onBeforeUnmount, ref } from 'vue';

export interface SkuWithPromo {
  id: number;
  price: number;
  promoPrice?: number | null;
  promo?: { kind: string; label: string; endsAt: string } | null;
}

export interface ProductWithPromo {
  promoPrice?: number | null;
  skus: SkuWithPromo[];
}

/** The SKU's promo when one is chosen, else the product's soonest-ending one (the bar counts down to it). */
export function promoOf(product: ProductWithPromo, sku: SkuWithPromo | null): { price: number; original: number; endsAt: string } | null {
  const withPromo = (sku ? [sku] : product.skus).filter((s) => s.promoPrice != null && s.promo);
  if (!withPromo.length) return null;
  const best = withPromo.reduce((a, b) => (b.promoPrice! < a.promoPrice! ? b : a));
  return { price: best.promoPrice!, original: best.price, endsAt: best.promo!.endsAt };
}

export const hasPromo = (product: ProductWithPromo) => product.skus.some((s) => s.promoPrice != null);

/** Milliseconds left until `endsAt`, ticking every second while mounted. */
export function useCountdown(endsAt: () => string | null) {
  const now = ref(Date.now());
  const timer = setInterval(() => (now.value = Date.now()), 1000);
  onBeforeUnmount(() => clearInterval(timer));
  return () => {
    const end = endsAt();
    return end ? Math.max(0, Date.parse(end) - now.value) : 0;
  };
}

/** Days, then hh:mm:ss. */
export function splitLeft(ms: number): { days: number; clock: string } {
  const s = Math.floor(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { days: Math.floor(s / 86400), clock: `${pad(Math.floor((s % 86400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}` };
}

/** Community pickup points as the storefront reads them: nearest first from where the shopper is, and the one they chose last. */
import { api, type PickupPoint } from '../../api';
import type { Reply } from '../../../../shared/types';
import type { activityView, leaderMeReply, pointOrderView, pointView, batchView } from '../../../../../server/src/modules/community/schemas.js';

export type CommunityPoint = Reply<typeof pointView>;
export type CommunityActivity = Reply<typeof activityView>;
export type LeaderMe = Reply<typeof leaderMeReply>;
export type PointOrder = Reply<typeof pointOrderView>;
export type Batch = Reply<typeof batchView>;

const CHOSEN = 'community.pickupPointId';

/** The shopper's position, if the browser gives it within a few seconds (never asked twice a page). */
let position: Promise<{ lat: number; lng: number } | null> | null = null;
export function herePosition(): Promise<{ lat: number; lng: number } | null> {
  position ??= new Promise((resolve) => {
    if (!navigator.geolocation) return resolve(null);
    navigator.geolocation.getCurrentPosition((p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude }), () => resolve(null), { timeout: 5000, maximumAge: 600_000 });
  });
  return position;
}

export async function nearestPoints(): Promise<CommunityPoint[]> {
  const here = await herePosition();
  const query = here ? `?lat=${here.lat.toFixed(6)}&lng=${here.lng.toFixed(6)}` : '';
  return (await api.get<{ items: CommunityPoint[] }>(`/shop/community/pickup-points${query}`)).items;
}

export const chosenPointId = {
  get: (): number | null => Number(localStorage.getItem(CHOSEN)) || null,
  set: (id: number) => localStorage.setItem(CHOSEN, String(id)),
};

/** 1.2km / 350m. */
export const distanceText = (m: number | null): string => (m === null ? '' : m >= 1000 ? `${(m / 1000).toFixed(1)}km` : `${m}m`);

/** An order's community point in the shape of the order page's pickup points. */
export async function communityPoint(id: number): Promise<PickupPoint> {
  const p = await api.get<CommunityPoint>(`/shop/community/pickup-points/${id}`);
  return { name: p.name, address: p.address, hours: p.hours, phone: '' };
}

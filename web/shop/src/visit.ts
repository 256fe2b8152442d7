/**
 * Counts this browser as one of the shop's visitors today (`POST /shop/visits`; the server counts a
 * visitor once a day whatever the number of beacons). The id is random, kept in localStorage, and
 * says nothing about the person. A failed beacon is dropped: the shop works the same.
 */
const KEY = 's2b2c:visitor';

function visitorId(): string {
  let id = localStorage.getItem(KEY);
  if (!id) {
    id = crypto.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
    localStorage.setItem(KEY, id);
  }
  return id;
}

export function countVisit(): void {
  try {
    void fetch('/api/v1/shop/visits', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ visitorId: visitorId() }), keepalive: true }).catch(() => undefined);
  } catch {
    // storage or fetch unavailable (private mode): not counted
  }
}

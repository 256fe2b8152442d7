/**
 * What a parcel-tracking adapter offers the fulfilment module (Kuaidi100 in production, a sandbox
 * locally). Adapters speak the provider's documented protocol, signatures included.
 */
export type TrackingState = 'no_info' | 'in_transit' | 'out_for_delivery' | 'delivered' | 'returned' | 'exception';

export interface TrackingEvent {
  /** ISO-8601 time of the event. */
  time: string;
  description: string;
  location?: string;
}

export interface TrackingResult {
  carrier: string;
  trackingNo: string;
  state: TrackingState;
  /** Newest first. */
  events: TrackingEvent[];
}

export interface TrackingProvider {
  readonly name: 'sandbox' | 'kuaidi100';
  /** Asks the provider to push updates for this parcel to our callback URL. */
  subscribe(input: { carrier: string; trackingNo: string; phone?: string; callbackUrl: string }): Promise<void>;
  /** Asks the provider for the parcel's current route. */
  query(input: { carrier: string; trackingNo: string; phone?: string }): Promise<TrackingResult>;
  /** Verifies and decodes a pushed update (form fields of the callback); throws InvalidCallback when not genuine. */
  parseCallback(fields: Record<string, string>): TrackingResult;
  /** What the provider expects back from the callback. */
  callbackAck(ok: boolean): unknown;
}

export class InvalidCallback extends Error {
  constructor(reason: string) {
    super(`invalid tracking callback: ${reason}`);
    this.name = 'InvalidCallback';
  }
}

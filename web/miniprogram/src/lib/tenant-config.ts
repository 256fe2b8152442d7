/**
 * The one shape of a tenant's mini-program config (MP-CONTRACT.md): written by the build into
 * config.generated.js, or sent by the third-party platform as ext_json's `ext`. Pure (no `wx`), so the
 * build script and the server can import it too.
 */
export interface TenantConfig {
  /** e.g. "https://shop.example.com/api/v1" (no trailing slash) */
  apiBase: string;
  /** The tenant's wx appid, sent as X-App-Id on every request and socket. */
  appId: string;
  slug: string;
  name: string;
  primaryColor: string;
  logoUrl: string | null;
  /** Origin for socket.io, e.g. "wss://shop.example.com". */
  socketUrl: string;
}

/** The merchants module's public surface: sign-up, distributors, tenant manifests. */
export { signUp, onboardDistributor } from './service.js';
export { applyManifest, parseManifest, manifestSection, type ApplyResult, type ManifestSection } from './manifest.js';
export type { Manifest } from './schemas.js';

/** The merchants module's public surface: sign-up, distributors, tenant manifests. */
import './policy.js';
import './routes.js';

export { signUp, onboardDistributor } from './service.js';
export { applyManifest, parseManifest, onManifestApply, type ApplyResult } from './manifest.js';
export type { Manifest } from './schemas.js';

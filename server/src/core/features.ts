/**
 * Plan features: what a plan can switch on or off for a tenant. A module lists its features in its
 * declaration; a plan lists the features it enables. (Contract only: resolution, the route and
 * socket checks and plan expiry are built in the settings work of issue 10.)
 */
export interface FeatureDef {
  /** `<module>.<capability>` (`marketing.flash-sale`). */
  readonly key: string;
  readonly label: { readonly zh: string; readonly en: string };
}

export function defineFeature(key: string, zh: string, en: string): FeatureDef {
  return { key, label: { zh, en } };
}

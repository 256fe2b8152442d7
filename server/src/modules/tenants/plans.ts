/**
 * What each plan includes. The platform fee of a plan is operations' figure and stays in the
 * configuration (`platformFeeBps`); what a plan switches on is product, and lives here. A trial
 * tries everything (until its expiry); pro includes every feature, those added later too; basic
 * lists what it has, so a new feature is off for it until listed.
 */
import type { PlanDef } from '../../core/features.js';
import type { Plan } from './model.js';

export const plans = {
  trial: { label: { zh: '试用版', en: 'Trial' }, features: 'all' },
  basic: { label: { zh: '基础版', en: 'Basic' }, features: [] },
  pro: { label: { zh: '专业版', en: 'Pro' }, features: 'all' },
} as const satisfies Record<Plan, PlanDef>;

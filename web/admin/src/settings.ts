/**
 * Settings pages are built from the API's description of each section (`GET /admin/settings`):
 * a JSON schema whose properties carry their labels, so a module that adds a setting adds no page.
 */
import { t } from '../../shared/i18n';
import type { SettingsProperty } from './types';

export type FieldKind = 'number' | 'switch' | 'select' | 'text';

export function fieldKind(prop: SettingsProperty): FieldKind {
  if (prop.enum) return 'select';
  if (prop.type === 'integer' || prop.type === 'number') return 'number';
  if (prop.type === 'boolean') return 'switch';
  return 'text';
}

/** An enum value in words (Chinese, then English), never the code itself when words exist. */
export function optionText(prop: SettingsProperty, value: unknown): string {
  const words = prop.options?.[String(value)];
  return words ? `${words.zh} ${words.en}` : '—';
}

/** A value as the platform's tenant page shows it. */
export function settingText(prop: SettingsProperty, value: unknown): string {
  switch (fieldKind(prop)) {
    case 'switch':
      return value ? t('common.on') : t('common.off');
    case 'select':
      return prop.options?.[String(value)]?.zh ?? '—';
    default:
      return value === null || value === undefined ? '—' : String(value);
  }
}

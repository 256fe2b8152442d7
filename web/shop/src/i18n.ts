/** The storefront's messages: the shared areas (`web/shared/locales`) and its own (`./locales/<locale>/<area>.ts`). */
import { installI18n } from '../../shared/i18n';

export const i18n = installI18n(import.meta.glob('./locales/*/*.ts', { eager: true }));

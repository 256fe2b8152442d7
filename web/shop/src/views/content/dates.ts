import { currentLocale } from '../../../../shared/i18n';

/** A publication day as readers write it (2026年3月1日 / Mar 1, 2026). */
export const date = (iso: string | null | undefined): string => (iso ? new Date(iso).toLocaleDateString(currentLocale(), { year: 'numeric', month: 'short', day: 'numeric' }) : '');

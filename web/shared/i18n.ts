/**
 * One vue-i18n set-up for both apps. Chinese is the product's first language; English is complete
 * (a test compares every message file's keys). Messages live one file per area
 * (`locales/<locale>/<area>.ts`, default export), so each screen's words sit beside the others of
 * its area and two people adding screens never edit the same file; a key reads `area.key`.
 */
import { createI18n } from 'vue-i18n';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const localeNames: Record<Locale, string> = { 'zh-CN': '简体中文', en: 'English' };

type Tree = { [key: string]: string | Tree };
type Modules = Record<string, { default: Tree }>;

const STORAGE_KEY = 's2b2c:locale';

/** `{ 'zh-CN': { area: {...} }, en: {...} }` from `import.meta.glob('./locales/*\/*.ts', { eager: true })` results. */
function messagesFrom(...sources: Modules[]): Record<Locale, Tree> {
  const out = Object.fromEntries(LOCALES.map((l) => [l, {} as Tree])) as Record<Locale, Tree>;
  for (const modules of sources) {
    for (const [file, mod] of Object.entries(modules)) {
      const m = /\/(zh-CN|en)\/([\w-]+)\.ts$/.exec(file);
      if (m) out[m[1] as Locale][m[2]] = merged(out[m[1] as Locale][m[2]], mod.default);
    }
  }
  return out;
}

/** An app's area of the same name as a shared one adds to it (its own keys win) rather than hiding it. */
function merged(base: string | Tree | undefined, over: Tree): Tree {
  if (!base || typeof base === 'string') return over;
  const out: Tree = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = typeof v === 'string' ? v : merged(out[k], v);
  return out;
}

/** The saved choice, else Chinese unless the browser asks for English first. */
export function initialLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale;
  return navigator.language.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

function createAppI18n(messages: Record<Locale, Tree>) {
  return createI18n({
    legacy: false,
    locale: initialLocale(),
    fallbackLocale: 'zh-CN',
    messages,
    missingWarn: false,
    fallbackWarn: false,
  });
}

export type AppI18n = ReturnType<typeof createAppI18n>;

let current: AppI18n | null = null;

/** The app's i18n: the shared areas plus the app's own (pass `import.meta.glob('./locales/*\/*.ts', { eager: true })`). */
export function installI18n(appMessages: Modules): AppI18n {
  current = createAppI18n(messagesFrom(import.meta.glob<{ default: Tree }>('./locales/*/*.ts', { eager: true }), appMessages));
  document.documentElement.lang = current.global.locale.value;
  return current;
}

/** The app's i18n instance, for code outside components (API error text, router guards, messages). */
export function useAppI18n(): AppI18n {
  if (!current) throw new Error('i18n not installed');
  return current;
}

/** Translate outside a component. */
export const t = (key: string, named?: Record<string, unknown>): string =>
  named ? useAppI18n().global.t(key, named) : useAppI18n().global.t(key);

/** Whether a message exists (in the current language or the fallback). */
export const te = (key: string): boolean => {
  const g = useAppI18n().global;
  return g.te(key) || g.te(key, 'zh-CN');
};

/** A message in a given language, whatever the current one. */
export const tIn = (locale: Locale, key: string): string => useAppI18n().global.t(key, {}, { locale });

export function setLocale(locale: Locale): void {
  const i18n = useAppI18n();
  i18n.global.locale.value = locale;
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
}

export const currentLocale = (): Locale => useAppI18n().global.locale.value as Locale;

/**
 * Every message area of the mini-program, per language. The API error texts are the shared ones of
 * the web apps (web/shared/locales/<lang>/errors.ts), copied into the build, so a code reads the same
 * everywhere. A helper adding an area imports its twins here.
 */
import enErrors from '../../../shared/locales/en/errors';
import zhErrors from '../../../shared/locales/zh-CN/errors';
import enCart from './en/cart';
import enCatalog from './en/catalog';
import enCommon from './en/common';
import enHome from './en/home';
import zhCart from './zh-CN/cart';
import zhCatalog from './zh-CN/catalog';
import zhCommon from './zh-CN/common';
import zhHome from './zh-CN/home';

export type Locale = 'zh-CN' | 'en';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

const zh = { common: zhCommon, home: zhHome, catalog: zhCatalog, cart: zhCart, errors: zhErrors };
export type Messages = Widen<typeof zh>;

const en: Messages = { common: enCommon, home: enHome, catalog: enCatalog, cart: enCart, errors: enErrors };

export const messages: Record<Locale, Messages> = { 'zh-CN': zh, en };

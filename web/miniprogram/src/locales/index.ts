/**
 * Every message area of the mini-program, per language. The API error texts are the shared ones of
 * the web apps (web/shared/locales/<lang>/errors.ts), copied into the build, so a code reads the same
 * everywhere. A helper adding an area imports its twins here.
 */
import enErrors from '../../../shared/locales/en/errors.js';
import zhErrors from '../../../shared/locales/zh-CN/errors.js';
import enCart from './en/cart.js';
import enCatalog from './en/catalog.js';
import enCommon from './en/common.js';
import enHome from './en/home.js';
import zhCart from './zh-CN/cart.js';
import zhCatalog from './zh-CN/catalog.js';
import zhCommon from './zh-CN/common.js';
import zhHome from './zh-CN/home.js';

export type Locale = 'zh-CN' | 'en';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

const zh = { common: zhCommon, home: zhHome, catalog: zhCatalog, cart: zhCart, errors: zhErrors };
export type Messages = Widen<typeof zh>;

const en: Messages = { common: enCommon, home: enHome, catalog: enCatalog, cart: enCart, errors: enErrors };

export const messages: Record<Locale, Messages> = { 'zh-CN': zh, en };

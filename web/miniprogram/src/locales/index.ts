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
import enAftersalesShared from '../../../shared/locales/en/aftersales';
import enChatShared from '../../../shared/locales/en/chat';
import enFields from '../../../shared/locales/en/fields';
import enPayment from '../../../shared/locales/en/payment';
import enStatus from '../../../shared/locales/en/status';
import enValidation from '../../../shared/locales/en/validation';
import zhAftersalesShared from '../../../shared/locales/zh-CN/aftersales';
import zhChatShared from '../../../shared/locales/zh-CN/chat';
import zhFields from '../../../shared/locales/zh-CN/fields';
import zhPayment from '../../../shared/locales/zh-CN/payment';
import zhStatus from '../../../shared/locales/zh-CN/status';
import zhValidation from '../../../shared/locales/zh-CN/validation';
// an order's status hints and its parcels' tracking states in the storefront's words (its order area), not written twice
import enShopOrder from '../../../shop/src/locales/en/order';
import zhShopOrder from '../../../shop/src/locales/zh-CN/order';
import enAftersales from './en/aftersales';
import enChat from './en/chat';
import enCheckout from './en/checkout';
import enMe from './en/me';
import enOrders from './en/orders';
import zhAftersales from './zh-CN/aftersales';
import zhChat from './zh-CN/chat';
import zhCheckout from './zh-CN/checkout';
import zhMe from './zh-CN/me';
import zhOrders from './zh-CN/orders';

export type Locale = 'zh-CN' | 'en';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

// the trade pages' areas; the shared ones give statuses, payment methods, field and validation words,
// and an area named as a shared one (aftersales, chat) adds the mini-program's screens to it
const zhTrade = {
  checkout: zhCheckout,
  orders: { ...zhOrders, hint: { ...zhShopOrder.statusHint, ...zhOrders.hint }, tracking: zhShopOrder.tracking },
  aftersales: { ...zhAftersalesShared, ...zhAftersales },
  chat: { ...zhChatShared, ...zhChat },
  me: zhMe,
  status: zhStatus,
  payment: zhPayment,
  fields: zhFields,
  validation: zhValidation,
};
const enTrade: Widen<typeof zhTrade> = {
  checkout: enCheckout,
  orders: { ...enOrders, hint: { ...enShopOrder.statusHint, ...enOrders.hint }, tracking: enShopOrder.tracking },
  aftersales: { ...enAftersalesShared, ...enAftersales },
  chat: { ...enChatShared, ...enChat },
  me: enMe,
  status: enStatus,
  payment: enPayment,
  fields: enFields,
  validation: enValidation,
};

const zh = { common: zhCommon, home: zhHome, catalog: zhCatalog, cart: zhCart, errors: zhErrors, ...zhTrade };
export type Messages = Widen<typeof zh>;

const en: Messages = { common: enCommon, home: enHome, catalog: enCatalog, cart: enCart, errors: enErrors, ...enTrade };

export const messages: Record<Locale, Messages> = { 'zh-CN': zh, en };

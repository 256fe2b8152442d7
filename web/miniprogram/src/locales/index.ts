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
import enAftersalesShared from '../../../shared/locales/en/aftersales.js';
import enChatShared from '../../../shared/locales/en/chat.js';
import enFields from '../../../shared/locales/en/fields.js';
import enPayment from '../../../shared/locales/en/payment.js';
import enStatus from '../../../shared/locales/en/status.js';
import enValidation from '../../../shared/locales/en/validation.js';
import zhAftersalesShared from '../../../shared/locales/zh-CN/aftersales.js';
import zhChatShared from '../../../shared/locales/zh-CN/chat.js';
import zhFields from '../../../shared/locales/zh-CN/fields.js';
import zhPayment from '../../../shared/locales/zh-CN/payment.js';
import zhStatus from '../../../shared/locales/zh-CN/status.js';
import zhValidation from '../../../shared/locales/zh-CN/validation.js';
// an order's status hints and its parcels' tracking states in the storefront's words (its order area), not written twice
import enShopOrder from '../../../shop/src/locales/en/order.js';
import zhShopOrder from '../../../shop/src/locales/zh-CN/order.js';
import enAftersales from './en/aftersales.js';
import enChat from './en/chat.js';
import enCheckout from './en/checkout.js';
import enMe from './en/me.js';
import enOrders from './en/orders.js';
import zhAftersales from './zh-CN/aftersales.js';
import zhChat from './zh-CN/chat.js';
import zhCheckout from './zh-CN/checkout.js';
import zhMe from './zh-CN/me.js';
import zhOrders from './zh-CN/orders.js';

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

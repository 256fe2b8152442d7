/** The shopper's token, kept in wx storage per appid (one device may hold several tenants' apps in dev tools). */
import { tenantConfig } from './config.js';

const key = () => `token:${tenantConfig().appId}`;

export function getToken(): string | null {
  const value = wx.getStorageSync(key()) as unknown;
  return typeof value === 'string' && value ? value : null;
}

export function setToken(token: string): void {
  wx.setStorageSync(key(), token);
}

export function clearToken(): void {
  wx.removeStorageSync(key());
}

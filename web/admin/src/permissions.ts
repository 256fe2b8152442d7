/** Permission and built-in role names in words (shared messages area `permissions`), never their codes. */
import { t, te } from '../../shared/i18n';

export type Audience = 'merchant' | 'platform';

/** "orders.refund" -> "订单退款"; `*` is every permission. Unknown keys (a newer server) read as the catalogue's label. */
export function permissionName(key: string, audience: Audience = 'merchant', fallback?: string): string {
  if (key === '*') return t('permissions.all');
  for (const a of [audience, audience === 'merchant' ? 'platform' : 'merchant']) {
    if (te(`permissions.${a}.${key}`)) return t(`permissions.${a}.${key}`);
  }
  return fallback ?? key;
}

/** A role's name: a built-in one by its code, a custom one as its owner named it. */
export const roleName = (role: { name: string; code?: string | null; builtin?: boolean }): string =>
  role.code && te(`permissions.role.${role.code}`) ? t(`permissions.role.${role.code}`) : role.name;

/** A signed-in merchant's role in words: the owner holds no role row, so its name is ours to give. */
export const staffRoleName = (user: { isOwner: boolean; role: string | null; roleName: string | null }): string =>
  user.isOwner ? t('staff.owner') : roleName({ name: user.roleName ?? '', code: user.role });
/**
 * How roles may be handed out, for merchant and platform staff alike: nobody grants a permission
 * they do not hold (core/permissions assertMayGrant), nobody changes their own role, and nobody
 * changes a role, or a person, holding permissions they lack, since that would let them strip or
 * re-grant what is above them.
 */
import type { Actor, Ctx } from '../../core/context.js';
import { isKnownPermission, notHeld, type Audience } from '../../core/permissions.js';
import { accountErrors } from './errors.js';

/** Unknown keys are a 400 naming `permissions`; the rest come back without repeats, sorted. */
export function knownPermissions(keys: readonly string[], audience: Audience): string[] {
  const unknown = keys.filter((k) => !isKnownPermission(k, audience));
  if (unknown.length) throw accountErrors.unknownPermissions(unknown);
  return [...new Set(keys)].sort();
}

export function ownRoleId(actor: Actor): number | null {
  return actor.kind === 'merchant' || actor.kind === 'platform' ? actor.roleId : null;
}

/** `who` (a role or a person) holds only permissions the actor holds too. */
export function assertMayManage(ctx: Ctx, who: string, permissions: readonly string[]): void {
  const missing = notHeld(ctx, permissions);
  if (missing.length) throw accountErrors.cannotManage(who, missing);
}

/** Editing or deleting a role: not one's own, and not one that holds more than the editor. */
export function assertMayEditRole(ctx: Ctx, role: { id: number; name: string }, permissions: readonly string[]): void {
  if (ownRoleId(ctx.actor) === role.id) throw accountErrors.cannotChangeOwnRole();
  assertMayManage(ctx, `The role ${role.name}`, permissions);
}

/** Changing a person's role or status: never one's own role, never someone who holds more. */
export function assertMayChangeMember(ctx: Ctx, member: { id: number; name: string; isSelf: boolean }, permissions: readonly string[], changesRole: boolean): void {
  if (member.isSelf) {
    if (changesRole) throw accountErrors.cannotChangeOwnRole();
    return;
  }
  assertMayManage(ctx, member.name, permissions);
}

/**
 * API errors on forms: each `details[].field` the form shows goes next to that field (bind
 * `:error="errors.x"` on the el-form-item); the rest, and errors without details, as an ElMessage.
 */
import { ElMessage, ElMessageBox } from 'element-plus';
import { reactive, ref } from 'vue';
import { isApiError, type ApiError } from './api';
import type { Permission } from './types';

/** Refusals a console user meets, in their words (Chinese first) rather than the API's. */
const refusals: Record<string, string> = {
  forbidden: '没有权限 You are not allowed to do this',
  supplier_suspended: '供应商账号已暂停：只能查看、为已付款订单发货并处理其售后 Your supplier account is suspended: you may read, ship paid orders and decide their after-sales cases',
  cannot_grant: '不能授予自己没有的权限 You cannot grant permissions you do not hold',
  cannot_manage: '对方拥有你没有的权限，不能修改 They hold permissions you do not hold',
  cannot_change_own_role: '不能修改自己的角色 Nobody changes their own role',
  role_builtin: '内置角色不可修改，请新建自定义角色 Built-in roles are fixed; create a custom role',
  role_in_use: '仍有账号使用该角色，请先为他们换角色 The role is still held; give its holders another role first',
  role_name_taken: '角色名称已存在 A role with this name exists',
  email_taken: '该邮箱已被使用 This email already has an account',
  last_administrator: '平台至少保留一名启用的管理员 The platform keeps at least one active administrator',
};

const permissionLabels = new Map<string, string>();

/** Pages that load a permission catalogue share its labels, so refusals name permissions in words. */
export function rememberPermissionLabels(items: readonly Permission[]): void {
  for (const p of items) permissionLabels.set(p.key, p.label);
}

function permissionsIn(err: ApiError): string[] {
  const raw = err.raw as { permissions?: unknown } | Array<{ permissions?: unknown }> | undefined;
  const list = Array.isArray(raw) ? raw[0]?.permissions : raw?.permissions;
  return Array.isArray(list) ? list.filter((k): k is string => typeof k === 'string') : [];
}

/** An error as the console shows it. */
export function errorText(err: unknown): string {
  if (isApiError(err) && refusals[err.code]) {
    const named = permissionsIn(err).map((k) => permissionLabels.get(k) ?? '—');
    return named.length ? `${refusals[err.code]}：${named.join('；')}` : refusals[err.code]!;
  }
  return err instanceof Error ? err.message : String(err);
}

/** Shows any error as a message. */
export function showError(err: unknown): void {
  ElMessage.error(errorText(err));
}

export function useForm<F extends string>(fields: readonly F[]) {
  const errors: Partial<Record<F, string>> = reactive({});
  const busy = ref(false);

  const fieldOf = (name: string): F | undefined =>
    fields.find((f) => f === name) ?? fields.find((f) => f === name.split('.').pop());

  function clear(): void {
    for (const f of fields) delete errors[f];
  }

  function handle(err: unknown): void {
    const rest: string[] = [];
    if (isApiError(err) && err.details.length) {
      for (const d of err.details) {
        const f = fieldOf(d.field);
        if (f) errors[f] = refusals[err.code] ? errorText(err) : d.message;
        else rest.push(`${d.field}: ${d.message}`);
      }
      if (rest.length) ElMessage.error(`${err.message} (${rest.join('; ')})`);
      return;
    }
    showError(err);
  }

  /** Runs a submit: clears old errors, marks busy, routes any API error to fields or a message. */
  async function submit(action: () => Promise<void>): Promise<boolean> {
    clear();
    busy.value = true;
    try {
      await action();
      return true;
    } catch (err) {
      handle(err);
      return false;
    } finally {
      busy.value = false;
    }
  }

  return { errors, busy, submit, handle, clear };
}

export const formatTime = (iso: string | null | undefined): string =>
  iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '—';

/** Runs `action`; says `success` when it worked, shows the error otherwise. True when it worked. */
export async function attempt(action: () => Promise<unknown>, success: string): Promise<boolean> {
  try {
    await action();
    ElMessage.success(success);
    return true;
  } catch (err) {
    showError(err);
    return false;
  }
}

/** Asks `question` (OK / Cancel) and, when confirmed, runs `action`, showing any error as a message. */
export async function confirmThen(question: string, action: () => Promise<void>): Promise<void> {
  if (!(await ElMessageBox.confirm(question, { type: 'warning' }).catch(() => false))) return;
  try {
    await action();
  } catch (err) {
    showError(err);
  }
}

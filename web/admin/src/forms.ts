/**
 * API errors on forms: each `details[].field` the form shows goes next to that field (bind
 * `:error="errors.x"` on the el-form-item); the rest, and errors without details, as an ElMessage.
 */
import { ElMessage, ElMessageBox } from 'element-plus';
import { reactive, ref } from 'vue';
import { errorWords, fieldErrorText } from '../../shared/errors';
import { formatDateTime } from '../../shared/dates';
import { t } from '../../shared/i18n';
import { isApiError, type ApiError } from './api';
import { permissionName } from './permissions';
import type { Permission } from './types';

const audienceOf = new Map<string, 'merchant' | 'platform'>();

/** Pages that load a permission catalogue say whose it is, so refusals name its permissions rightly. */
export function rememberPermissionLabels(items: readonly Permission[], audience: 'merchant' | 'platform' = 'merchant'): void {
  for (const p of items) audienceOf.set(p.key, audience);
}

function permissionsIn(err: ApiError): string[] {
  const raw = err.raw as { permissions?: unknown } | Array<{ permissions?: unknown }> | undefined;
  const list = Array.isArray(raw) ? raw[0]?.permissions : raw?.permissions;
  return Array.isArray(list) ? list.filter((k): k is string => typeof k === 'string') : [];
}

/**
 * An error in words (area `errors`, naming permissions by their names); the API's English message
 * goes to the browser console for developers, never on the screen.
 */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) console.warn(err.message);
  const words = errorWords(err);
  if (!isApiError(err)) return words;
  const named = permissionsIn(err).map((k) => permissionName(k, audienceOf.get(k)));
  return named.length ? `${words}：${named.join('；')}` : words;
}

/** Shows any error as a message. */
export function showError(err: unknown): void {
  ElMessage.error(errorMessage(err));
}

/**
 * A field's error reads as its name and the rule it broke (`fieldErrorText`); `hints` replace those
 * words for a field where the screen knows better.
 */
export function useForm<F extends string>(fields: readonly F[], hints: Partial<Record<F, string>> = {}) {
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
        if (f) errors[f] = hints[f] ?? fieldErrorText(d, err);
        else rest.push(fieldErrorText(d, err));
      }
      if (rest.length) ElMessage.error(rest.join('；'));
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

/** A time on a console screen (the shared formatter; "—" when there is none). */
export const formatTime = (iso: string | null | undefined): string => formatDateTime(iso, '—');

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

/**
 * Asks `question`: true once confirmed. A message box called as a function sits outside the app's
 * config provider, so its title and buttons are given in the current language here.
 */
export const confirmed = (question: string, type: 'warning' | 'info' = 'warning'): Promise<boolean> =>
  ElMessageBox.confirm(question, t('common.confirmTitle'), { type, confirmButtonText: t('common.confirm'), cancelButtonText: t('common.cancel') }).then(
    () => true,
    () => false,
  );

/**
 * Asks `question` with a box for an optional reason (at most 255 characters) and, when confirmed,
 * sends it (undefined when left empty): true when it worked. Refusals show as messages.
 */
export async function reasonThen(question: string, placeholder: string, send: (reason: string | undefined) => Promise<unknown>, success: string): Promise<boolean> {
  const answer = await ElMessageBox.prompt(question, t('common.confirmTitle'), {
    inputPlaceholder: placeholder,
    inputValidator: (v) => (v ?? '').length <= 255,
    confirmButtonText: t('common.confirm'),
    cancelButtonText: t('common.cancel'),
    type: 'warning',
  }).then((r) => r.value, () => null);
  if (answer === null) return false;
  return attempt(() => send(answer?.trim() || undefined), success);
}

/** Asks `question` (OK / Cancel) and, when confirmed, runs `action`, showing any error as a message. */
export async function confirmThen(question: string, action: () => Promise<void>): Promise<void> {
  if (!(await confirmed(question))) return;
  try {
    await action();
  } catch (err) {
    showError(err);
  }
}

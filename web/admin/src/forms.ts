/**
 * API errors on forms: each `details[].field` the form shows goes next to that field (bind
 * `:error="errors.x"` on the el-form-item); the rest, and errors without details, as an ElMessage.
 */
import { ElMessage, ElMessageBox } from 'element-plus';
import { reactive, ref } from 'vue';
import { errorText as wordsFor } from '../../shared/errors';
import { isApiError, type ApiError } from './api';
import type { Permission } from './types';

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

/** The Chinese words for an error (naming permissions by their labels), or null when there are none. */
function consoleWords(err: unknown): string | null {
  const zh = wordsFor(err);
  if (!zh || !isApiError(err)) return zh;
  const named = permissionsIn(err).map((k) => permissionLabels.get(k) ?? '—');
  return named.length ? `${zh}：${named.join('；')}` : zh;
}

/** An error in words: Chinese first where we have them, the API's own message beside. */
export function errorMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const zh = consoleWords(err);
  return zh ? `${zh} (${message})` : message;
}

/** Shows any error as a message. */
export function showError(err: unknown): void {
  ElMessage.error(errorMessage(err));
}

/**
 * `hints`: Chinese words for a field's error (the API's validation messages are English), shown
 * first with the API's message beside.
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
        if (f) errors[f] = hints[f] ? `${hints[f]} (${d.message})` : (consoleWords(err) ?? d.message);
        else rest.push(`${d.field}: ${d.message}`);
      }
      if (rest.length) ElMessage.error(`${errorMessage(err)} (${rest.join('; ')})`);
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

/**
 * API errors on forms: each `details[].field` the form shows goes next to that field (bind
 * `:error="errors.x"` on the el-form-item); the rest, and errors without details, as an ElMessage.
 */
import { ElMessage, ElMessageBox } from 'element-plus';
import { reactive, ref } from 'vue';
import { errorText } from '../../shared/errors';
import { isApiError } from './api';

/** An error in words: Chinese first where we have them, the API's own message beside. */
export function errorMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const zh = errorText(err);
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
        if (f) errors[f] = hints[f] ? `${hints[f]} (${d.message})` : d.message;
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

/** Asks `question` (OK / Cancel) and, when confirmed, runs `action`, showing any error as a message. */
export async function confirmThen(question: string, action: () => Promise<void>): Promise<void> {
  if (!(await ElMessageBox.confirm(question, { type: 'warning' }).catch(() => false))) return;
  try {
    await action();
  } catch (err) {
    showError(err);
  }
}

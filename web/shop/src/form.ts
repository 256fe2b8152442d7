/** API field errors next to Vant fields (`:error-message="errors.phone"`); the rest as a toast. */
import { showConfirmDialog, showFailToast } from 'vant';
import { reactive, ref } from 'vue';
import { errorMessage, isApiError } from './api';

/** `hints`: the words a field's error shows instead of the API's (its validation messages are English). */
export function useForm<F extends string>(fields: readonly F[], hints: Partial<Record<F, string>> = {}) {
  const errors: Partial<Record<F, string>> = reactive({});
  const busy = ref(false);

  async function submit(action: () => Promise<void>): Promise<boolean> {
    for (const f of fields) delete errors[f];
    busy.value = true;
    try {
      await action();
      return true;
    } catch (err) {
      const rest: string[] = [];
      if (isApiError(err) && err.details.length) {
        for (const d of err.details) {
          const f = fields.find((x) => x === d.field);
          if (f) errors[f] = hints[f] ?? d.message;
          else rest.push(d.message);
        }
        if (rest.length) showFailToast(rest.join('\n'));
      } else {
        showFailToast(errorMessage(err));
      }
      return false;
    } finally {
      busy.value = false;
    }
  }

  return { errors, busy, submit };
}

/** Asks before an action that cannot be undone: true once the shopper confirms. */
export const confirmed = (message: string): Promise<boolean> =>
  showConfirmDialog({ message }).then(
    () => true,
    () => false,
  );

/** API field errors next to Vant fields (`:error-message="errors.phone"`); the rest as a toast. */
import { showConfirmDialog, showFailToast } from 'vant';
import { reactive, ref } from 'vue';
import { fieldErrorText } from '../../shared/errors';
import { errorMessage, isApiError } from './api';

/** A field's error reads as its name and the rule it broke; `hints` replace those words where a screen knows better. */
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
          if (f) errors[f] = hints[f] ?? fieldErrorText(d, err);
          else rest.push(fieldErrorText(d, err));
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

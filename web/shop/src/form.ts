/** API field errors next to Vant fields (`:error-message="errors.phone"`); the rest as a toast. */
import { showFailToast } from 'vant';
import { reactive, ref } from 'vue';
import { isApiError } from './api';

export function useForm<F extends string>(fields: readonly F[]) {
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
          if (f) errors[f] = d.message;
          else rest.push(d.message);
        }
        if (rest.length) showFailToast(rest.join('\n'));
      } else {
        showFailToast(err instanceof Error ? err.message : String(err));
      }
      return false;
    } finally {
      busy.value = false;
    }
  }

  return { errors, busy, submit };
}

/** The return address a decision on goods coming back sends (`returnAddress`), typed once per dialog. */
import { reactive, watch } from 'vue';
import { t } from '../../shared/i18n';
import type { ReturnAddress } from './types';

/** The address fields' errors in the reader's words (the API's are English), read when a form is set up. */
export const returnAddressHints = (): Record<'name' | 'phone' | 'address', string> => ({ name: t('returnAddress.nameHint'), phone: t('returnAddress.phoneHint'), address: t('returnAddress.addressHint') });

/** `errors`: the form's field errors; a field's goes away once it is edited. */
export function useReturnAddress(defaultName: () => string, errors: Partial<Record<keyof ReturnAddress, string>>) {
  const address = reactive<ReturnAddress>({ name: '', phone: '', address: '' });
  for (const key of ['name', 'phone', 'address'] as const) {
    watch(
      () => address[key],
      () => delete errors[key],
    );
  }
  return {
    address,
    /** Fills the name once (the shop's or the supplier's) so the operator only adds phone and address. */
    prefill: () => {
      if (!address.name) address.name = defaultName();
    },
    body: (): ReturnAddress => ({ name: address.name.trim(), phone: address.phone.trim(), address: address.address.trim() }),
  };
}

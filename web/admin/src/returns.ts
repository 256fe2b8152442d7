/** The return address a decision on goods coming back sends (`returnAddress`), typed once per dialog. */
import { reactive, watch } from 'vue';
import type { ReturnAddress } from './types';

/** Chinese words for the address fields' errors (the API's are English). */
export const returnAddressHints = { name: '请填写收件人', phone: '请填写联系电话', address: '请填写详细地址（至少 4 个字）' };

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

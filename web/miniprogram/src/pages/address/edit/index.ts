/**
 * 新增 / 编辑收货地址: name, phone, the region from WeChat's `<picker mode="region">` (names and the
 * district's code), the street address, default or not. Checked here with the server's rules and
 * the shared words before `POST /shop/addresses` (`PUT /shop/addresses/:id`); a region code the
 * server does not know is sent again by names only. Opened with `?select=1` (from checkout), the
 * saved address is chosen for the order.
 */
import {
  addressBody,
  codeRefused,
  emptyForm,
  fieldErrors,
  formOf,
  pickerValue,
  regionFromPicker,
  regionText,
  validateAddress,
  type Address,
  type AddressForm,
} from '../../../lib/address.js';
import { ApiError, api } from '../../../lib/api.js';
import { ensureSignedIn } from '../../../lib/auth.js';
import { showError } from '../../../lib/errors.js';
import { t } from '../../../lib/i18n.js';
import { pageData } from '../../../lib/page.js';
import { CHOSEN_ADDRESS_KEY } from '../../../lib/trade-pages.js';

Component({
  data: {
    ...pageData('checkout'),
    id: 0,
    select: false,
    form: emptyForm() as AddressForm,
    region: [] as string[],
    regionText: '',
    errors: {} as Record<string, string>,
    saving: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      const id = Number(options.id || 0);
      this.setData({ id, select: options.select === '1' });
      wx.setNavigationBarTitle({ title: t(id ? 'checkout.address.editTitle' : 'checkout.address.newTitle') });
      if (id) void this.load(id);
    },

    async load(id: number) {
      try {
        await ensureSignedIn();
        const found = (await api.get<{ items: Address[] }>('/shop/addresses')).items.find((a) => a.id === id);
        if (found) this.show(formOf(found));
      } catch (err) {
        showError(err);
      }
    },

    show(form: AddressForm) {
      this.setData({ form, region: pickerValue(form), regionText: regionText(form) });
    },

    onInput(e: WechatMiniprogram.Input) {
      const field = (e.currentTarget.dataset as { field: 'name' | 'phone' | 'detail' }).field;
      this.setData({ [`form.${field}`]: e.detail.value, [`errors.${field}`]: '' });
    },

    onRegion(e: WechatMiniprogram.CustomEvent<{ value: string[]; code: string[] }>) {
      const region = regionFromPicker(e.detail);
      if (!region) return;
      this.show({ ...this.data.form, ...region });
      this.setData({ 'errors.region': '' });
    },

    onDefault(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.setData({ 'form.isDefault': e.detail.value });
    },

    async save() {
      if (this.data.saving) return;
      const form = this.data.form;
      const errors = validateAddress(form);
      this.setData({ errors });
      if (Object.keys(errors).length) return;
      this.setData({ saving: true });
      try {
        await ensureSignedIn();
        const id = await this.send(form, true).catch((err: unknown) => (codeRefused(err) ? this.send(form, false) : Promise.reject(err)));
        wx.showToast({ title: t('checkout.address.saved'), icon: 'success' });
        if (this.data.select) wx.setStorageSync(CHOSEN_ADDRESS_KEY, id);
        wx.navigateBack();
      } catch (err) {
        const fields = err instanceof ApiError ? fieldErrors(err.details) : {};
        if (Object.keys(fields).length) this.setData({ errors: fields });
        else showError(err);
      } finally {
        this.setData({ saving: false });
      }
    },

    async send(form: AddressForm, withCode: boolean): Promise<number> {
      const body = addressBody(form, { withCode });
      if (this.data.id) {
        await api.put(`/shop/addresses/${this.data.id}`, body);
        return this.data.id;
      }
      return (await api.post<{ id: number }>('/shop/addresses', body)).id;
    },

    remove() {
      wx.showModal({
        content: t('checkout.address.removeConfirm'),
        confirmColor: '#ee0a24',
        success: async (res) => {
          if (!res.confirm) return;
          try {
            await api.delete(`/shop/addresses/${this.data.id}`);
            wx.showToast({ title: t('checkout.address.removed'), icon: 'success' });
            wx.navigateBack();
          } catch (err) {
            showError(err);
          }
        },
      });
    },
  },
});

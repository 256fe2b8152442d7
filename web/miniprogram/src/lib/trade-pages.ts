/** Where the trade pages open (checkout, addresses, orders, after-sales, chat), beside lib/nav.ts's catalog pages. */
const q = (params: Record<string, string | number | undefined>) => {
  const parts = Object.keys(params)
    .filter((k) => params[k] !== undefined && params[k] !== '')
    .map((k) => `${k}=${encodeURIComponent(String(params[k]))}`);
  return parts.length ? `?${parts.join('&')}` : '';
};

export const tradePages = {
  addresses: (select = false) => `/pages/address/list/index${select ? '?select=1' : ''}`,
  addressEdit: (id?: number, select = false) => `/pages/address/edit/index${q({ id, select: select ? 1 : undefined })}`,
  orders: (status?: string) => `/pages/orders/index${q({ status })}`,
  order: (id: number) => `/pages/order/index?id=${id}`,
  aftersale: (orderId: number) => `/pages/aftersale/index?orderId=${orderId}`,
  chat: (subject?: { type: 'product' | 'order'; id: number }) => `/pages/chat/index${subject ? q({ [subject.type]: subject.id }) : ''}`,
};

/** Storage key the address book writes when it was opened to choose one for checkout. */
export const CHOSEN_ADDRESS_KEY = 'checkout:addressId';

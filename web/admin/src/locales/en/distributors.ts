export default {
  storeName: 'Store name',
  slug: 'Slug',
  ownerEmail: 'Owner email',
  shop: 'Shop',
  host: 'Host',
  plan: 'Plan',
  status: 'Status',
  created: 'Created',
  onboard: 'Onboard',
};

/** The home page and the DIY blocks. */
export default {
  searchPlaceholder: 'Search this shop',
  newest: 'New arrivals',
  categories: 'All categories',
  viewAll: 'View all',
  coupon: {
    off: 'Spend {threshold}',
    noThreshold: 'No minimum',
    discount: '{value} off',
    take: 'Get',
  },
  videoUnavailable: 'The video cannot play right now',
  shareTitle: '{name}',
};

/** The DIY page blocks' words (storefront, and the console editor's phone preview). */
export default {
  search: { placeholder: 'Search this shop' },
  products: { more: 'View more', soldBy: '{n} sold', sampleTitle: 'Product name', empty: 'Products will show here automatically' },
  coupons: { freeShipping: 'Free shipping', claim: 'Get', noThreshold: 'No minimum', threshold: 'On orders over {amount}', discount: '{pct}% off', sample: 'Coupon' },
  video: { unsupported: 'This browser cannot play the video' },
  home: { notFound: 'This page does not exist or is not published yet', backHome: 'Back to home', loadFailed: 'The page could not be loaded', retry: 'Retry', allProducts: 'All products' },
  preview: {
    banner: 'Carousel: add pictures to show it',
    notice: 'Notice: type the text',
    nav: 'Icon navigation: add items',
    navItem: 'Link',
    coupons: 'Coupons: choose the coupons to show',
    richtext: 'Rich text: edit it in the panel',
    video: 'Video: enter the video address',
  },
};

export default {
  home: 'Home',
  cart: 'Cart',
  me: 'Me',
  noMore: 'No more',
  loadFailed: 'Failed to load, tap to retry',
  suspended: 'This shop is temporarily closed',
  notFound: 'No such shop',
  error: 'The shop cannot be reached',
  suspendedSub: 'Please come back later.',
  notFoundSub: 'There is no shop at this address.',
  errorSub: 'The shop could not be loaded; reload to retry.',
  retry: 'Retry',
};

/** Words every page of the mini-program shares. */
export default {
  tabs: { home: 'Home', category: 'Categories', cart: 'Cart', me: 'Me' },
  loading: 'Loading…',
  noMore: 'No more',
  retry: 'Reload',
  empty: 'Nothing here yet',
  confirm: 'OK',
  cancel: 'Cancel',
  close: 'Close',
  signingIn: 'Signing in…',
  yuan: '¥',
  linkCopied: 'Link copied; open it in a browser',
  networkError: 'Network error; check your connection and try again',
  sold: '{count} sold',
};

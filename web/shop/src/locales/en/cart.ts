export default {
  title: 'Cart',
  empty: 'Your cart is empty',
  browse: 'Start shopping',
  localHint: 'Not signed in: the cart is kept on this device and merged when you sign in',
  lowStock: 'Low stock ({n} left)',
  unavailable: 'Unavailable',
  remove: 'Remove',
  checkout: 'Check out ({n})',
  selectAll: 'All',
  removeTitle: 'Remove item',
  removeAsk: 'Remove “{title}” from the cart?',
};

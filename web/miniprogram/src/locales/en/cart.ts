/** The cart. */
export default {
  title: 'Cart',
  empty: 'Your cart is empty',
  goShopping: 'Go shopping',
  selectAll: 'All',
  total: 'Total: ',
  checkout: 'Checkout ({count})',
  edit: 'Edit',
  done: 'Done',
  remove: 'Remove',
  removeConfirm: 'Remove the selected items?',
  unavailable: 'Unavailable',
  chooseItems: 'Choose the items to check out',
  signInToSee: 'Sign in to see your cart',
  signIn: 'Sign in with WeChat',
};

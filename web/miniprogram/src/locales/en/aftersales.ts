/** The after-sales page (pages/aftersale): the request form and the order's cases; types, reasons and stages are the shared area's. */
export default {
  form: {
    title: 'Request after-sales',
    type: 'Type',
    goods: 'Items',
    reason: 'Reason',
    reasonRequired: 'Choose a reason',
    description: 'Description',
    descriptionPlaceholder: 'Optional: describe the problem',
    amount: 'Refund amount',
    amountHint: 'Up to {amount}',
    amountTooHigh: 'The refund cannot exceed {amount}',
    noMoney: 'Exchanges and repairs involve no refund',
    pickGoods: 'Choose the items',
    available: '{n} available',
    held: 'Already in a case',
    noneLeft: 'None left',
    notShipped: 'Not shipped: refund only',
    submit: 'Submit',
    sent: 'Request sent',
  },
  list: {
    title: 'Cases',
    none: 'No cases yet',
    amount: 'Refund {amount}',
  },
};

export default {
  intro: 'The shopper sends the goods back to:',
  name: 'Name',
  phone: 'Phone',
  address: 'Address',
  nameHint: 'Enter the recipient',
  phoneHint: 'Enter a phone number',
  addressHint: 'Enter the street address (at least 4 characters)',
};

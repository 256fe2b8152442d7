export default {
  intro: 'The shopper sends the goods back to:',
  name: 'Name',
  phone: 'Phone',
  address: 'Address',
};

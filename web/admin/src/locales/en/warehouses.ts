export default {
  name: 'Name',
  address: 'Address',
  addWarehouse: 'Add warehouse',
  province: 'Province',
  city: 'City',
  district: 'District',
  productsShipFromThe: 'Products ship from the first warehouse unless told otherwise.',
  cancel: 'Cancel',
  save: 'Save',
  added: 'Added',
};

export default {
  specs: 'Specs',
  supply: 'Supply',
  suggested: 'Suggested',
  stock: 'Stock',
  description: 'Description',
  save: 'Save',
  stockSet: 'Stock set',
};

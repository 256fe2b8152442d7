export default {
  dimensionName: 'Spec, e.g. Colour',
  valueEnter: 'Value, then Enter',
  remove: 'Remove',
  addDimension: 'Add spec dimension',
  specs: 'Specs',
};

export default {
  mbMax5Mb: 'MB (max 5 MB)',
  cancel: 'Cancel',
};

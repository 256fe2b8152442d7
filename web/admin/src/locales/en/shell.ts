export default {
  retry: 'Retry',
};

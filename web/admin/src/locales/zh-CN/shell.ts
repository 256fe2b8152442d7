export default {
  retry: '重试',
};

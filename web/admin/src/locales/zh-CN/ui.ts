export default {
  mbMax5Mb: '图片不能超过 5',
  cancel: '取消',
};

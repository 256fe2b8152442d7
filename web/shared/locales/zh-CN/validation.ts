/** Field errors by the API's stable field code (`details[].code`); `{field}` is the field's name or empty. */
export default {
  required: '请填写{field}',
  too_short: '{field}至少 {minimum} 个字',
  too_long: '{field}最多 {maximum} 个字',
  too_small: '{field}不能小于 {minimum}',
  too_big: '{field}不能大于 {maximum}',
  invalid_format: '{field}格式不正确',
  invalid_type: '{field}格式不正确',
  invalid_value: '{field}不是可选的值',
  unknown_field: '{field}不能填写',
  invalid: '{field}不正确',
  taken: '{field}已被占用',
  /** Field-specific words where the generic one says too little. */
  password: { invalid_format: '密码需 8–72 位，且同时包含字母和数字' },
  slug: { invalid_format: '店铺地址需以小写字母开头，由小写字母、数字和短横线组成，3–31 位' },
  phone: { invalid_format: '请输入 11 位手机号' },
  email: { invalid_format: '邮箱格式不正确' },
  privateKey: { invalid_format: '不是有效的 RSA 私钥（PEM 或 base64）' },
  alipayPublicKey: { invalid_format: '不是有效的 RSA 公钥（PEM 或 base64）' },
};

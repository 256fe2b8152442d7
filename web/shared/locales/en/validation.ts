/** Field errors by the API's stable field code (`details[].code`); `{field}` is the field's name or empty. */
export default {
  required: '{field} is required',
  too_short: '{field} needs at least {minimum} characters',
  too_long: '{field} takes at most {maximum} characters',
  too_small: '{field} must be at least {minimum}',
  too_big: '{field} must be at most {maximum}',
  invalid_format: '{field} is not in a valid format',
  invalid_type: '{field} is not in a valid format',
  invalid_value: '{field} is not one of the allowed values',
  unknown_field: '{field} cannot be set',
  invalid: '{field} is not valid',
  taken: '{field} is already taken',
  /** Field-specific words where the generic one says too little. */
  password: { invalid_format: 'A password has 8 to 72 characters with at least one letter and one digit' },
  slug: { invalid_format: 'Lowercase letters, digits and hyphens, 3 to 31 characters, starting with a letter' },
  phone: { invalid_format: 'Enter an 11-digit mobile number' },
  email: { invalid_format: 'Not a valid email address' },
  privateKey: { invalid_format: 'Not an RSA private key (PEM or base64)' },
  alipayPublicKey: { invalid_format: 'Not an RSA public key (PEM or base64)' },
};

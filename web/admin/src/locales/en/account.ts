export default {
  email: 'Email',
  name: 'Name',
  role: 'Role',
  shop: 'Shop',
  company: 'Company',
  current: 'Current',
  new: 'New',
  save: 'Save',
  toChangeYourPassword: 'To change your password, sign out and use “Forgot password”.',
  signOut: 'Sign out',
  passwordChangedOtherSessions: 'Password changed; other sessions were signed out',
  changePassword: 'Change password',
};

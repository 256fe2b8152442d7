export default {
  code: 'Pickup code',
  codeHint: 'Show the code or the QR code at the store; staff hand the goods over',
  qrAlt: 'Pickup QR code',
  waiting: 'Ready for pickup',
  pickedUp: 'Picked up',
  pickedUpAt: 'Picked up {time}',
  point: 'Pickup point',
  hours: 'Hours: {hours}',
  phone: 'Phone: {phone}',
  payFirst: 'Your pickup code appears once you pay',
};

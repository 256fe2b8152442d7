export default {
  sameCity: 'Same-city delivery',
  sameCityFrom: 'Delivered by {store} ({distance} from the address)',
  pickup: 'Store pickup',
  hours: 'Open {hours}',
  lacking: 'Not enough stock at this store',
  none: 'No store offers pickup',
  hint: 'Collect at the chosen store with your pickup code',
  choose: 'Choose a store to pick up at',
};

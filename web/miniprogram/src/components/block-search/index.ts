/** Search block: a rounded bar that opens the search page. */
import { texts } from '../../lib/i18n.js';
import { open, pages } from '../../lib/nav.js';

Component({
  options: { styleIsolation: 'apply-shared' },
  properties: { block: { type: Object, value: {} } },
  data: { t: texts('home') },
  methods: {
    openSearch() {
      open(pages.search());
    },
  },
});

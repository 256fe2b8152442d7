/** Search block: a rounded bar that opens the search page. */
import { texts } from '../../lib/i18n';
import { open, pages } from '../../lib/nav';

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

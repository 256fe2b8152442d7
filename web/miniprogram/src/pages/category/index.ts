/** Stub until the page lands. */
import { pageData } from '../../lib/page';

Component({
  data: pageData(),
  methods: {
    onLoad() {},
  },
});

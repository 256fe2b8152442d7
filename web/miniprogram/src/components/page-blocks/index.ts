/**
 * A DIY page's blocks (web/shared/blocks.ts types; views from lib/view.ts `blockView`), each by its
 * own component, in the page's order. An unknown type renders nothing.
 */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: { blocks: { type: Array, value: [] } },
});

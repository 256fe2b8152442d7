/** Products block: its title and the listings the server resolved, in its columns. */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: { block: { type: Object, value: {} } },
});

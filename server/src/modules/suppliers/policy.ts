import { definePolicy } from '../../core/permissions.js';

definePolicy((can, _cannot, actor) => {
  if (actor.kind === 'supplier') {
    can(['read', 'update'], 'Supplier', { id: actor.supplierId });
  }
});

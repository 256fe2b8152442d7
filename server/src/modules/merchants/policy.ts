import { definePermission } from '../../core/permissions.js';

definePermission({ key: 'distributors.manage', label: 'Onboard and see distributors (brand owners)', grants: [['read', 'Distributor'], ['manage', 'Distributor']], roles: ['admin'] });

export default {
  actionEGStaff: 'Action (e.g. staff.invite)',
  actor: 'Actor',
  idTenant: 'ID Tenant',
  time: 'Time',
  tenant: 'Tenant',
  actor2: 'Actor',
  action: 'Action',
  target: 'Target',
  details: 'Details',
  search: 'Search',
};

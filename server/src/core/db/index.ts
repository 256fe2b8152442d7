export { openDatabase, closeDatabase, db, dialect, useModels, type ModelInit, type ModelSet, sqlitePath, type Dialect } from './connection.js';
export { TenantModel, isTenantModel } from './tenant-model.js';
export { acrossTenants, tenantsOf } from './escape.js';
export { withTransaction, afterCommit, inTx } from './transaction.js';
export { jsonColumn, moneyColumn, parseJson, idColumn, tenantIdColumn, timestamps } from './columns.js';
export { migrateUp, migrateDownAll, migrator } from './migrator.js';
export { paginate, pageOf, pageQuery, pageSchema, type Page, type PageQuery } from './pagination.js';
export { dropAllTables } from './reset.js';
export { addToCounters, insertRow, insertRows, platformRows, platformWrite, takeFromRow, tenantRows, tenantWrite } from './rows.js';

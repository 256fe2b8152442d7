/**
 * Helpers for migrations, so every table follows the tenancy rules of DESIGN.md by construction:
 * tenant tables get `tenant_id NOT NULL`, a unique (tenant_id, id) key that composite foreign keys
 * point at, indexes that start with tenant_id, and foreign keys that carry tenant_id.
 */
import { DataTypes, type ModelAttributeColumnOptions, type QueryInterface } from 'sequelize';

type Columns = Record<string, ModelAttributeColumnOptions>;

export interface IndexSpec {
  fields: string[];
  unique?: boolean;
  name?: string;
  /**
   * A deliberate exception to "indexes start with tenant_id": a platform-level lookup into tenant
   * rows (a supplier's queue across shops, a gateway's notification naming only our payment id).
   * Under sharding by tenant these become a scatter query or a projection; say why at the use.
   */
  crossTenant?: boolean;
}

export interface ForeignKeySpec {
  fields: string[];
  table: string;
  references: string[];
  onDelete?: 'CASCADE' | 'RESTRICT' | 'SET NULL' | 'NO ACTION';
  /** The target is a platform-level table (tenants, products, ...): no tenant_id to carry. */
  toPlatform?: boolean;
}

export interface TableSpec {
  /** Tenant-owned (tenant_id NOT NULL, isolation rules) or platform-level. */
  tenant: boolean;
  columns: Columns;
  indexes?: IndexSpec[];
  foreignKeys?: ForeignKeySpec[];
  /** false for append-only tables (ledgers, logs) that have no updated_at. */
  updatedAt?: boolean;
}

const isMysql = (qi: QueryInterface) => qi.sequelize.getDialect() === 'mysql';

/** Row ids: BIGINT on MySQL; SQLite needs INTEGER for its rowid alias. */
export function idType(qi: QueryInterface) {
  return isMysql(qi) ? DataTypes.BIGINT : DataTypes.INTEGER;
}

export function refColumn(qi: QueryInterface, allowNull = false): ModelAttributeColumnOptions {
  return { type: idType(qi), allowNull };
}

export const money = (allowNull = false, defaultValue: number | undefined = 0): ModelAttributeColumnOptions => ({
  type: DataTypes.BIGINT,
  allowNull,
  ...(defaultValue === undefined ? {} : { defaultValue }),
});

export const timestamp = (allowNull = true): ModelAttributeColumnOptions => ({ type: DataTypes.DATE(3), allowNull });
export const text = (length = 255, allowNull = false): ModelAttributeColumnOptions => ({ type: DataTypes.STRING(length), allowNull });
export const longText = (allowNull = true): ModelAttributeColumnOptions => ({ type: DataTypes.TEXT('long'), allowNull });
export const integer = (allowNull = false, defaultValue?: number): ModelAttributeColumnOptions => ({
  type: DataTypes.INTEGER,
  allowNull,
  ...(defaultValue === undefined ? {} : { defaultValue }),
});
export const bool = (defaultValue = false): ModelAttributeColumnOptions => ({ type: DataTypes.BOOLEAN, allowNull: false, defaultValue });

function indexName(table: string, spec: IndexSpec): string {
  return spec.name ?? `${spec.unique ? 'uq' : 'ix'}_${table}_${spec.fields.join('_')}`.slice(0, 64);
}

export async function createTable(qi: QueryInterface, table: string, spec: TableSpec): Promise<void> {
  const columns: Columns = {
    id: { type: idType(qi), primaryKey: true, autoIncrement: true, allowNull: false },
    ...(spec.tenant ? { tenant_id: refColumn(qi) } : {}),
    ...spec.columns,
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    ...(spec.updatedAt === false ? {} : { updated_at: { type: DataTypes.DATE(3), allowNull: false } }),
  };
  if (!isMysql(qi)) {
    // SQLite has one TEXT type; Sequelize warns about the length option otherwise
    for (const column of Object.values(columns)) if (column.type instanceof DataTypes.TEXT) column.type = DataTypes.TEXT;
  }
  await qi.createTable(table, columns, isMysql(qi) ? { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci', engine: 'InnoDB' } : {});
  // SQLite adds a constraint by rebuilding the table, which drops its indexes: constraints first.
  for (const fk of spec.foreignKeys ?? []) {
    if (spec.tenant && fk.fields[0] !== 'tenant_id' && fk.table !== 'tenants' && !fk.toPlatform) {
      throw new Error(`foreign key ${table}(${fk.fields.join(',')}) on a tenant table must carry tenant_id`);
    }
    await qi.addConstraint(table, {
      type: 'foreign key',
      name: `fk_${table}_${fk.fields.join('_')}`.slice(0, 64),
      fields: fk.fields,
      references: { table: fk.table, fields: fk.references } as never,
      onDelete: fk.onDelete ?? 'RESTRICT',
      onUpdate: 'CASCADE',
    });
  }
  const indexes = [...(spec.tenant ? [{ fields: ['tenant_id', 'id'], unique: true }] : []), ...(spec.indexes ?? [])];
  for (const index of indexes) await addIndex(qi, table, index, spec.tenant);
}

/** One index, named and checked as createTable's are (a later migration adding one to a table). */
export async function addIndex(qi: QueryInterface, table: string, index: IndexSpec, tenant: boolean): Promise<void> {
  if (tenant && index.fields[0] !== 'tenant_id' && !index.crossTenant) {
    throw new Error(`index ${indexName(table, index)} on tenant table ${table} must start with tenant_id`);
  }
  await qi.addIndex(table, index.fields, { unique: index.unique ?? false, name: indexName(table, index) });
}

export async function removeIndex(qi: QueryInterface, table: string, index: IndexSpec): Promise<void> {
  await qi.removeIndex(table, indexName(table, index));
}

export async function dropTables(qi: QueryInterface, ...tables: string[]): Promise<void> {
  for (const table of tables) await qi.dropTable(table);
}

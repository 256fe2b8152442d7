/**
 * Which index serves each read or write of a tenant table: the statements Sequelize sends while a
 * flow runs are recorded, and each SELECT, UPDATE and DELETE is checked table by table. A tenant
 * table is reached well when the statement filters it on its primary key, or on the leading
 * columns of one of its indexes: tenant_id first (every tenant index starts with it), or a
 * cross-tenant index the schema declares on purpose (a supplier's queue across shops). When the
 * statement filters on more than tenant_id, an index must carry tenant_id and at least one of the
 * other filtered columns: "every row of the shop, then filter" is what grows with the shop.
 *
 * The parser reads the SQL this code base produces (Sequelize's and the hand-written row path's),
 * not SQL at large: it finds each table with its alias, and the columns that appear in comparisons
 * (=, IN, <, >, IS, BETWEEN) in ON and WHERE clauses. A column named without a table belongs to
 * every table of the statement, so an ambiguity passes rather than fails.
 */
import { QueryTypes, type Sequelize } from 'sequelize';
import { db, isTenantModel } from '../../server/src/core/db/index.js';

const ident = String.raw`(?:\x60[^\x60]+\x60|"[^"]+"|[A-Za-z_][\w$]*)`;
const unquote = (s: string) => s.replace(/^[\x60"]|[\x60"]$/g, '');
const KEYWORDS = new Set(['where', 'on', 'left', 'right', 'inner', 'outer', 'join', 'set', 'order', 'limit', 'group', 'having', 'cross', 'natural', 'using', 'for', 'union', 'returning']);

/** One table of a statement: its name, its alias, and the columns the statement compares. */
export interface TableUse {
  table: string;
  alias: string;
  filtered: Set<string>;
}

export function tableUses(sql: string): TableUse[] {
  const uses: TableUse[] = [];
  const refs = new RegExp(String.raw`\b(?:FROM|JOIN|UPDATE)\s+(${ident})(?:\s+(?:AS\s+)?(${ident}))?`, 'gi');
  for (const m of sql.matchAll(refs)) {
    const table = unquote(m[1]!);
    // a quoted alias is never a keyword (Sequelize quotes `Order`)
    const alias = m[2] && (/^[\x60"]/.test(m[2]) || !KEYWORDS.has(m[2].toLowerCase())) ? unquote(m[2]) : table;
    uses.push({ table, alias, filtered: new Set() });
  }
  // an UPDATE's SET list assigns, it does not filter
  const conditions = sql.replace(/\bSET\b[\s\S]*?\bWHERE\b/i, 'WHERE').replace(/^\s*SELECT\b[\s\S]*?\bFROM\b/i, 'FROM');
  const column = String.raw`(?:(${ident})\.)?(${ident})`;
  const compared = new RegExp(String.raw`${column}\s*(?:=|<=>|<>|!=|>=|<=|<|>|\bIN\s*\(|\bIS\b|\bBETWEEN\b|\bLIKE\b)`, 'gi');
  const comparedTo = new RegExp(String.raw`(?:=|<=>)\s*${column}`, 'gi');
  const mark = (alias: string | undefined, name: string) => {
    const col = unquote(name);
    const owners = alias ? uses.filter((u) => u.alias === unquote(alias)) : uses;
    for (const u of owners) u.filtered.add(col);
  };
  for (const m of conditions.matchAll(compared)) mark(m[1], m[2]!);
  for (const m of conditions.matchAll(comparedTo)) if (m[1]) mark(m[1], m[2]!);
  return uses;
}

export interface IndexShape {
  name: string;
  columns: string[];
}

/** The indexes of a table as the migrated database has them (the primary key is `id` on every table). */
export async function indexesOf(sequelize: Sequelize, table: string): Promise<IndexShape[]> {
  if (sequelize.getDialect() === 'sqlite') {
    const list = await sequelize.query<{ name: string }>(`PRAGMA index_list(\`${table}\`)`, { type: QueryTypes.SELECT });
    return Promise.all(
      list.map(async ({ name }) => ({
        name,
        columns: (await sequelize.query<{ seqno: number; name: string }>(`PRAGMA index_info(\`${name}\`)`, { type: QueryTypes.SELECT })).sort((a, b) => a.seqno - b.seqno).map((c) => c.name),
      })),
    );
  }
  const rows = await sequelize.query<{ name: string; column: string; seq: number }>(
    'SELECT index_name AS name, column_name AS `column`, seq_in_index AS seq FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = :table ORDER BY index_name, seq_in_index',
    { type: QueryTypes.SELECT, replacements: { table } },
  );
  const byName = new Map<string, string[]>();
  for (const r of rows) byName.set(r.name, [...(byName.get(r.name) ?? []), r.column]);
  return [...byName].map(([name, columns]) => ({ name, columns }));
}

/** The leading columns of the index the statement filters on. */
const servedColumns = (index: IndexShape, filtered: Set<string>) => {
  let n = 0;
  while (n < index.columns.length && filtered.has(index.columns[n]!)) n++;
  return index.columns.slice(0, n);
};

/**
 * Why this use of a tenant table has no index to serve it, or null when one does: by primary key;
 * by an index whose leading columns it filters on, one of them more than tenant_id (tenant_id
 * first and the path's column, or a unique or cross-tenant index); by tenant_id alone only when
 * it filters on nothing else.
 */
export function unservedBecause(use: TableUse, indexes: IndexShape[]): string | null {
  if (use.filtered.has('id')) return null;
  const served = indexes.map((i) => servedColumns(i, use.filtered));
  const others = [...use.filtered].filter((c) => c !== 'tenant_id');
  if (served.some((cols) => cols.some((c) => c !== 'tenant_id'))) return null;
  const byTenant = served.some((cols) => cols.length > 0);
  if (byTenant && !others.length) return null;
  const filteredOn = use.filtered.size ? [...use.filtered].join(', ') : 'nothing';
  if (!byTenant) return `${use.table} filtered on ${filteredOn}: neither its primary key nor the leading column of an index`;
  return `${use.table} filtered on ${filteredOn}: no index starts with tenant_id followed by ${others.join(' or ')}`;
}

/** The tenant tables of the registered models. */
export function tenantTables(sequelize: Sequelize = db()): Set<string> {
  return new Set(Object.values(sequelize.models).filter((m) => isTenantModel(m)).map((m) => String(m.getTableName())));
}

/** Runs fn and returns the statements Sequelize sent meanwhile (every connection, this process). */
export async function statementsOf(fn: () => Promise<void>, sequelize: Sequelize = db()): Promise<string[]> {
  const seen: string[] = [];
  const { options } = sequelize as unknown as { options: { logging?: unknown } };
  const before = options.logging;
  options.logging = (message: string) => {
    const sql = /^Executing \([^)]*\): ([\s\S]*)$/.exec(message)?.[1];
    if (sql) seen.push(sql);
  };
  try {
    await fn();
  } finally {
    options.logging = before;
  }
  return seen;
}

export interface Finding {
  statement: string;
  problem: string;
}

/** Every SELECT, UPDATE and DELETE of the statements that reaches a tenant table no index serves. */
export async function unservedPaths(statements: string[], sequelize: Sequelize = db()): Promise<Finding[]> {
  const tenant = tenantTables(sequelize);
  const indexes = new Map<string, IndexShape[]>();
  const findings: Finding[] = [];
  for (const statement of new Set(statements)) {
    if (!/^\s*(SELECT|UPDATE|DELETE)\b/i.test(statement)) continue;
    for (const use of tableUses(statement)) {
      if (!tenant.has(use.table)) continue;
      if (!indexes.has(use.table)) indexes.set(use.table, await indexesOf(sequelize, use.table));
      const problem = unservedBecause(use, indexes.get(use.table)!);
      if (problem) findings.push({ statement, problem });
    }
  }
  return findings;
}

import { QueryTypes, type QueryInterface } from 'sequelize';

/**
 * The search index now holds every Han character of a document besides its bigrams, so that a
 * one-character query ("茶") finds it. Documents indexed before get their characters from their
 * bigrams here (a character weighs what its heaviest bigram weighs: the field weights of the
 * document are not known at this level); the next edit of a document reindexes it exactly.
 */
const HAN_PAIR = /^\p{Script=Han}{2}$/u;

interface Row {
  scope_id: number;
  doc_type: string;
  doc_id: number;
  term: string;
  weight: number;
}

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  const db = qi.sequelize;
  const length = db.getDialect() === 'sqlite' ? 'length' : 'CHAR_LENGTH';
  const insert = db.getDialect() === 'sqlite' ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
  const scopes = await db.query<{ scope_id: number }>('SELECT DISTINCT scope_id FROM search_terms', { type: QueryTypes.SELECT });
  for (const { scope_id } of scopes) {
    const rows = await db.query<Row>(`SELECT scope_id, doc_type, doc_id, term, weight FROM search_terms WHERE scope_id = ? AND ${length}(term) = 2`, {
      type: QueryTypes.SELECT,
      replacements: [scope_id],
    });
    const chars = new Map<string, Row>();
    for (const r of rows) {
      if (!HAN_PAIR.test(r.term)) continue;
      for (const ch of r.term) {
        const key = `${r.doc_type}|${r.doc_id}|${ch}`;
        const seen = chars.get(key);
        if (!seen || seen.weight < r.weight) chars.set(key, { ...r, term: ch });
      }
    }
    const all = [...chars.values()];
    for (let i = 0; i < all.length; i += 2000) {
      const batch = all.slice(i, i + 2000);
      await db.query(`${insert} INTO search_terms (scope_id, doc_type, term, doc_id, weight) VALUES ${batch.map(() => '(?,?,?,?,?)').join(',')}`, {
        replacements: batch.flatMap((r) => [r.scope_id, r.doc_type, r.term, r.doc_id, Number(r.weight)]),
      });
    }
  }
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  const db = qi.sequelize;
  const length = db.getDialect() === 'sqlite' ? 'length' : 'CHAR_LENGTH';
  // a lone Han character a document held by itself was indexed before too; the rest go
  const rows = await db.query<Row>(`SELECT scope_id, doc_type, doc_id, term FROM search_terms WHERE ${length}(term) = 1`, { type: QueryTypes.SELECT });
  for (const r of rows.filter((x) => /^\p{Script=Han}$/u.test(x.term))) {
    const [{ n }] = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM search_terms WHERE scope_id = ? AND doc_type = ? AND doc_id = ? AND ${length}(term) = 2 AND term LIKE ?`, {
      type: QueryTypes.SELECT,
      replacements: [r.scope_id, r.doc_type, r.doc_id, `%${r.term}%`],
    }) as [{ n: number }];
    if (Number(n) > 0) await db.query('DELETE FROM search_terms WHERE scope_id = ? AND doc_type = ? AND doc_id = ? AND term = ?', { replacements: [r.scope_id, r.doc_type, r.doc_id, r.term] });
  }
}

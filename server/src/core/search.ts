/**
 * Search behind one interface. The default engine keeps its own index in the database, so Chinese
 * search works the same on SQLite, MariaDB (no CJK full-text parser) and MySQL: text is cut into
 * Han characters and their bigrams, and whole words of Latin letters and digits, stored per scope
 * (0 = the supplier market, otherwise a tenant id) and document. A query matches documents holding
 * most of its terms, ranked by weight. An external engine (OpenSearch, Meilisearch) can replace it
 * by implementing SearchEngine; callers only see ids and scores.
 */
import { DataTypes, Model, Op, fn, col, literal, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { Ctx } from './context.js';
import { inTx } from './db/index.js';

export interface SearchField {
  text: string | null | undefined;
  weight: number;
}

export interface SearchHit {
  id: number;
  score: number;
}

export interface SearchEngine {
  index(ctx: Ctx, scopeId: number, docType: string, docId: number, fields: SearchField[]): Promise<void>;
  remove(ctx: Ctx, scopeId: number, docType: string, docIds: number[]): Promise<void>;
  query(ctx: Ctx, scopeId: number, docType: string, q: string, limit: number): Promise<SearchHit[]>;
  /**
   * Only engines that live in the application's database: the hits as a subquery to join, so the
   * caller ranks, filters and pages in one statement instead of passing hundreds of ids back.
   */
  hitsQuery?(scopeId: number, docType: string, q: string, limit: number): HitsQuery | null;
}

export class SearchTerm extends Model<InferAttributes<SearchTerm>, InferCreationAttributes<SearchTerm>> {
  declare scopeId: number;
  declare docType: string;
  declare term: string;
  declare docId: number;
  declare weight: number;
}

/** Runs when the database opens (core/models.ts). */
export function initSearchTerms(sequelize: Sequelize): void {
  SearchTerm.init(
    {
      scopeId: { type: DataTypes.INTEGER, primaryKey: true },
      docType: { type: DataTypes.STRING(16), primaryKey: true },
      term: { type: DataTypes.STRING(32), primaryKey: true },
      docId: { type: DataTypes.INTEGER, primaryKey: true },
      weight: { type: DataTypes.INTEGER, allowNull: false },
    },
    { sequelize, tableName: 'search_terms', timestamps: false, underscored: true },
  );
}

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}]/u;

/**
 * Cuts text into Han runs and words of letters and digits; `han` gets each Han run, `word` each
 * lower-cased word (at most 32 characters).
 */
function scan(text: string, han: (run: string) => void, word: (w: string) => void): void {
  const s = text.normalize('NFKC').toLowerCase();
  let run = '';
  let w = '';
  const flushHan = () => {
    if (run) han(run);
    run = '';
  };
  const flushWord = () => {
    if (w) word(w.slice(0, 32));
    w = '';
  };
  for (const ch of s) {
    if (HAN.test(ch)) {
      flushWord();
      run += ch;
    } else if (WORD.test(ch)) {
      flushHan();
      w += ch;
    } else {
      flushHan();
      flushWord();
    }
  }
  flushHan();
  flushWord();
}

const bigrams = (run: string): string[] => Array.from({ length: run.length - 1 }, (_, i) => run.slice(i, i + 2));

/**
 * A query's terms: bigrams of Han runs (a lone Han character stands for itself, so "茶" or "T恤"
 * search by the character) and words of letters and digits.
 */
export function queryTerms(q: string): string[] {
  const out: string[] = [];
  scan(q, (run) => out.push(...(run.length === 1 ? [run] : bigrams(run))), (w) => out.push(w));
  return out;
}

/**
 * A document's terms: every Han character on its own and every bigram of a Han run (so a query of
 * one character finds the documents that hold it anywhere), and words of letters and digits.
 */
export function indexTerms(text: string): string[] {
  const out: string[] = [];
  scan(text, (run) => out.push(...run, ...bigrams(run)), (w) => out.push(w));
  return out;
}

/** A document's index rows: each term with the summed weight of the fields holding it. */
export function termWeights(fields: SearchField[]): Map<string, number> {
  const weights = new Map<string, number>();
  for (const field of fields) for (const term of indexTerms(field.text ?? '')) weights.set(term, (weights.get(term) ?? 0) + field.weight);
  return weights;
}

/** How much of a query's terms a document must hold to match. */
const COVERAGE = 0.7;
const MAX_QUERY_TERMS = 24;

/**
 * A derived table of `(doc_id, score)` for one query, best first, for a caller that joins it to its
 * own rows so that the database ranks, filters and pages in one statement.
 */
export interface HitsQuery {
  sql: string;
  replacements: Record<string, unknown>;
}

export class DatabaseSearch implements SearchEngine {
  async index(ctx: Ctx, scopeId: number, docType: string, docId: number, fields: SearchField[]): Promise<void> {
    const weights = termWeights(fields);
    await SearchTerm.destroy({ where: { scopeId, docType, docId }, ...inTx(ctx) });
    if (weights.size) {
      await SearchTerm.bulkCreate(
        [...weights].map(([term, weight]) => ({ scopeId, docType, term, docId, weight })),
        inTx(ctx),
      );
    }
  }

  async remove(ctx: Ctx, scopeId: number, docType: string, docIds: number[]): Promise<void> {
    if (docIds.length) await SearchTerm.destroy({ where: { scopeId, docType, docId: docIds }, ...inTx(ctx) });
  }

  async query(ctx: Ctx, scopeId: number, docType: string, q: string, limit: number): Promise<SearchHit[]> {
    const wanted = [...new Set(queryTerms(q))].slice(0, MAX_QUERY_TERMS);
    if (!wanted.length) return [];
    const need = Math.max(1, Math.ceil(wanted.length * COVERAGE));
    const rows = (await SearchTerm.findAll({
      attributes: ['docId', [fn('SUM', col('weight')), 'score']],
      where: { scopeId, docType, term: { [Op.in]: wanted } },
      group: ['doc_id'],
      having: literal(`COUNT(*) >= ${need}`),
      order: [[literal('score'), 'DESC'], ['docId', 'DESC']],
      limit,
      raw: true,
      ...inTx(ctx),
    })) as unknown as Array<{ docId: number; score: number | string }>;
    return rows.map((r) => ({ id: Number(r.docId), score: Number(r.score) }));
  }

  /** The same hits as `query`, as a subquery (named replacements prefixed `search`); null when the query has no term. */
  hitsQuery(scopeId: number, docType: string, q: string, limit: number): HitsQuery | null {
    const wanted = [...new Set(queryTerms(q))].slice(0, MAX_QUERY_TERMS);
    if (!wanted.length) return null;
    return {
      sql: `SELECT doc_id, SUM(weight) AS score FROM search_terms
             WHERE scope_id = :searchScope AND doc_type = :searchDocType AND term IN (:searchTerms)
             GROUP BY doc_id HAVING COUNT(*) >= :searchNeed ORDER BY score DESC, doc_id DESC LIMIT ${Math.trunc(limit)}`,
      replacements: { searchScope: scopeId, searchDocType: docType, searchTerms: wanted, searchNeed: Math.max(1, Math.ceil(wanted.length * COVERAGE)) },
    };
  }
}

let engine: SearchEngine = new DatabaseSearch();

export function search(): SearchEngine {
  return engine;
}

export function useSearchEngine(next: SearchEngine): void {
  engine = next;
}

export const MARKET_SCOPE = 0;

/**
 * Search behind one interface. The default engine keeps its own index in the database, so Chinese
 * search works the same on SQLite, MariaDB (no CJK full-text parser) and MySQL: text is cut into
 * character bigrams for Han runs and whole words for Latin letters and digits, stored per scope
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

/** Bigrams of Han runs (a lone Han character stands for itself) and lower-cased words of letters and digits. */
export function terms(text: string): string[] {
  const out: string[] = [];
  const s = text.normalize('NFKC').toLowerCase();
  let han = '';
  let word = '';
  const flushHan = () => {
    if (han.length === 1) out.push(han);
    for (let i = 0; i + 1 < han.length; i++) out.push(han.slice(i, i + 2));
    han = '';
  };
  const flushWord = () => {
    if (word) out.push(word.slice(0, 32));
    word = '';
  };
  for (const ch of s) {
    if (HAN.test(ch)) {
      flushWord();
      han += ch;
    } else if (WORD.test(ch)) {
      flushHan();
      word += ch;
    } else {
      flushHan();
      flushWord();
    }
  }
  flushHan();
  flushWord();
  return out;
}

/** How much of a query's terms a document must hold to match. */
const COVERAGE = 0.7;
const MAX_QUERY_TERMS = 24;

export class DatabaseSearch implements SearchEngine {
  async index(ctx: Ctx, scopeId: number, docType: string, docId: number, fields: SearchField[]): Promise<void> {
    const weights = new Map<string, number>();
    for (const field of fields) for (const term of terms(field.text ?? '')) weights.set(term, (weights.get(term) ?? 0) + field.weight);
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
    const wanted = [...new Set(terms(q))].slice(0, MAX_QUERY_TERMS);
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
}

let engine: SearchEngine = new DatabaseSearch();

export function search(): SearchEngine {
  return engine;
}

export function useSearchEngine(next: SearchEngine): void {
  engine = next;
}

export const MARKET_SCOPE = 0;

/**
 * Helpers the seeds share (seed-catalog.ts, seed-orders.ts): a seeded PRNG so every seed is
 * deterministic, multi-row INSERTs over mysql2, the migration list a seed records, and the
 * bench_seed table that tells whether the database already holds a seed with these parameters.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Connection } from 'mysql2/promise';
import { projectRoot } from './env.js';

/** A small seeded PRNG: the same seed gives the same data on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Multi-row INSERT of `rows` (one array of values per row, in `columns` order), `batch` rows a statement. */
export async function insert(conn: Connection, table: string, columns: string[], rows: unknown[][], batch = 2000): Promise<void> {
  const sql = `INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES ?`;
  for (let i = 0; i < rows.length; i += batch) await conn.query(sql, [rows.slice(i, i + batch)]);
}

export function migrationNames(): string[] {
  return readdirSync(path.join(projectRoot, 'migrations')).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, '')).sort();
}

/** bench_seed's value for a key, or null (no seed yet, or no bench_seed table). */
export async function seedValue(conn: Connection, key: string): Promise<string | null> {
  try {
    const [rows] = (await conn.query('SELECT v FROM bench_seed WHERE k = ?', [key])) as unknown as [Array<{ v: string }>];
    return rows[0]?.v ?? null;
  } catch {
    return null;
  }
}

export async function writeSeedValues(conn: Connection, values: Record<string, string>): Promise<void> {
  await conn.query('CREATE TABLE IF NOT EXISTS bench_seed (k VARCHAR(32) PRIMARY KEY, v LONGTEXT NOT NULL) DEFAULT CHARSET utf8mb4');
  await conn.query('REPLACE INTO bench_seed (k, v) VALUES ?', [Object.entries(values)]);
}

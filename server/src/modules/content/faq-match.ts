/**
 * The FAQ entry that answers a shopper's chat message, if one does well enough to answer before an
 * agent picks up. Two signals:
 * - a keyword of the entry appearing in the message (a Han keyword anywhere in it: Chinese has no
 *   spaces; a Latin one as a whole word) is strong evidence on its own;
 * - the question's likeness to the message: the Dice coefficient of their terms, cut as the search
 *   engine cuts text (Han bigrams, Latin words), with the bigrams of question words every question
 *   shares (什么时候, 怎么, 请问, ...) weighing little, so that "什么时候退款" does not answer
 *   "什么时候发货".
 * Below the threshold nothing answers: a greeting (你好) or small talk reaches an agent untouched.
 */
import type { Ctx } from '../../core/context.js';
import { queryTerms } from '../../core/search.js';
import * as repo from './repository.js';
import { plainText } from './text.js';

export interface FaqAnswer {
  id: number;
  question: string;
  /** Plain text: a chat message, not HTML. */
  answer: string;
}

/** A shop's published entries considered; more than any shop's FAQ page holds. */
const FAQ_POOL = 300;
/** The least score that answers; one keyword hit (0.6) or a question alike enough passes it. */
export const FAQ_THRESHOLD = 0.5;

/** Bigrams of words every question uses: they say it is a question, not what about. */
const QUESTION_WORDS = new Set(
  ['什么', '么时', '时候', '怎么', '么样', '么办', '如何', '请问', '问一', '一下', '可以', '能不', '不能', '是不', '不是', '我们', '你们', '我的', '你好', '多久', '多少', '有没', '没有', '为什', '为何', '哪里', '哪个', '吗'],
);
const weightOf = (term: string) => (QUESTION_WORDS.has(term) ? 0.2 : 1);

const normal = (s: string) => s.normalize('NFKC').toLowerCase();

function keywordHits(message: string, messageTerms: Set<string>, keywords: string[]): number {
  let hits = 0;
  for (const raw of keywords) {
    const k = normal(raw).trim();
    // one Han character (快, 钱) is in too many messages to mean anything
    if ([...k].length < 2) continue;
    const latin = /^[\p{L}\p{N}]+$/u.test(k) && !/\p{Script=Han}/u.test(k);
    if (latin ? messageTerms.has(k) : message.includes(k)) hits++;
  }
  return hits;
}

/** Weighted Dice coefficient of two term sets (1 when alike, 0 when nothing is shared). */
function likeness(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  let total = 0;
  for (const t of a) {
    total += weightOf(t);
    if (b.has(t)) shared += weightOf(t);
  }
  for (const t of b) total += weightOf(t);
  return total ? (2 * shared) / total : 0;
}

/** How well an entry answers the message, from 0; a keyword hit alone scores 0.6. */
export function faqScore(messageText: string, entry: { title: string; keywords: string[] }): number {
  const message = normal(messageText);
  const messageTerms = new Set(queryTerms(message));
  if (!messageTerms.size) return 0;
  const alike = likeness(new Set(queryTerms(entry.title)), messageTerms);
  const hits = keywordHits(message, messageTerms, entry.keywords);
  return hits ? 0.6 + 0.1 * Math.min(hits - 1, 3) + 0.3 * alike : alike;
}

/** The best published FAQ entry of the shop for a shopper's message, or null when none is close. */
export async function matchFaq(ctx: Ctx, text: string): Promise<FaqAnswer | null> {
  if (!queryTerms(text).length) return null;
  const entries = await repo.articlesWhere(ctx, 'shop', { kind: 'faq', status: 'published' }, FAQ_POOL);
  let best: { entry: repo.ArticleRow; score: number } | null = null;
  for (const entry of entries) {
    const score = faqScore(text, entry);
    // ties go to the older entry (the list is oldest first): a stable answer for the same question
    if (score >= FAQ_THRESHOLD && (!best || score > best.score)) best = { entry, score };
  }
  return best ? { id: best.entry.id, question: best.entry.title, answer: plainText(best.entry.body) } : null;
}

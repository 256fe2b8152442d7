/**
 * The API names a bad prop as `blocks[i].props...` (or `blocks.i.props...`): the editor shows it on
 * that block, in the merchant's words chosen by the field's name, never the validator's English.
 */
import { t } from '../../../../../shared/i18n';
import type { Block } from '../../../../../shared/blocks';
import { isApiError } from '../../../api';

/** One block's problems: path under `props` (`images.0.url`, `text`; '' for the block itself) -> words. */
export type BlockErrors = Record<string, string>;

export interface PageErrors {
  blocks: Map<number, BlockErrors>;
  /** Problems with the page itself (its title, the block list as a whole). */
  page: string[];
}

const known = new Set(['images', 'url', 'link', 'text', 'items', 'icon', 'label', 'source', 'categoryId', 'productIds', 'limit', 'columns', 'title', 'couponIds', 'html', 'poster', 'type']);

/** The words for a field of a block; the field is the last named segment of its path. */
function wordsFor(block: Block | undefined, path: string): string {
  const names = path.split('.').filter((s) => s && !/^\d+$/.test(s) && s !== 'props');
  const last = names.at(-1) ?? '';
  if (last === 'url' && block?.type === 'video') return t('pages.errors.videoUrl');
  if (last === 'link' && block?.type === 'nav') return t('pages.errors.navLink');
  return known.has(last) ? t(`pages.errors.${last}`) : t('pages.errors.generic');
}

/** Splits an API 400's details over the blocks they name; null when the error is not about the page's fields. */
export function pageErrorsFrom(err: unknown, blocks: readonly Block[]): PageErrors | null {
  if (!isApiError(err) || err.details.length === 0) return null;
  const out: PageErrors = { blocks: new Map(), page: [] };
  for (const d of err.details) {
    const field = d.field.replace(/\[(\d+)\]/g, '.$1');
    const m = /^blocks\.(\d+)(?:\.(.*))?$/.exec(field);
    if (!m) {
      out.page.push(field === 'title' ? t('pages.errors.pageTitle') : field === 'blocks' ? t('pages.errors.blocks') : t('pages.errors.generic'));
      continue;
    }
    const index = Number(m[1]);
    const path = (m[2] ?? '').replace(/^props\.?/, '');
    const mine = out.blocks.get(index) ?? {};
    mine[path] = wordsFor(blocks[index], m[2] ?? 'type');
    out.blocks.set(index, mine);
  }
  return out;
}

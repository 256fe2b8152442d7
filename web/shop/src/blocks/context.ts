/**
 * What every block needs from around it, given by PageBlocks: whether it renders in the console's
 * preview (links do nothing there but tell the editor) and where a tap on a link goes. Blocks
 * import nothing of the storefront's app (store, router, API client), so the console can render
 * them in its phone preview.
 */
import { inject, provide, type InjectionKey } from 'vue';
import { useI18n } from 'vue-i18n';
import en from '../locales/en/blocks';
import zh from '../locales/zh-CN/blocks';

export interface BlockContext {
  preview: boolean;
  /** Follows a block's link (an in-shop path or a web address). */
  go(link: string): void;
}

const KEY: InjectionKey<BlockContext> = Symbol('page-blocks');

export function provideBlockContext(context: BlockContext): void {
  provide(KEY, context);
}

export function useBlockContext(): BlockContext {
  return inject(KEY, { preview: false, go: () => undefined });
}

/**
 * The blocks' words. The storefront loads them as its `blocks` area; an app that does not (the
 * console) gets them merged into its i18n on first use.
 */
export function useBlocksI18n() {
  const i18n = useI18n({ useScope: 'global' });
  if (!i18n.te('blocks.search.placeholder', 'zh-CN')) {
    i18n.mergeLocaleMessage('zh-CN', { blocks: zh });
    i18n.mergeLocaleMessage('en', { blocks: en });
  }
  return i18n;
}

/** ¥ amount of fen, without the storefront's API module. */
export const yuan = (fen: number): string => (fen / 100).toFixed(2);

/** How the editor shows each block type: a Vant icon (the storefront's own icon font) and its name key. */
import type { Block, BlockType } from '../../../../../shared/blocks';
// the icons are Vant's (the storefront's icon font), with only the icon's own styles
import 'vant/es/icon/style/index.mjs';

export const blockIcon: Record<BlockType, string> = {
  banner: 'photo-o',
  search: 'search',
  notice: 'volume-o',
  nav: 'apps-o',
  products: 'goods-collect-o',
  coupons: 'coupon-o',
  richtext: 'notes-o',
  video: 'video-o',
};

export const blockNameKey = (type: BlockType) => `pages.blocks.${type}`;

/**
 * A block that would show nothing in the storefront yet (a banner without images, an empty notice):
 * the preview shows a placeholder in its place so the merchant can still see and select it.
 */
export function isBlank(block: Block): boolean {
  switch (block.type) {
    case 'banner':
      return block.props.images.length === 0;
    case 'notice':
      return !block.props.text.trim();
    case 'nav':
      return block.props.items.length === 0;
    case 'coupons':
      return block.props.couponIds.length === 0;
    case 'richtext':
      return !block.props.html.replace(/<[^>]*>/g, '').trim() && !/<img\b/i.test(block.props.html);
    case 'video':
      return !block.props.url.trim();
    case 'products':
    case 'search':
      return false;
  }
}

/** Vant icon names offered for navigation items (shown with the storefront's own icon font). */
export const NAV_ICONS = [
  'new-o', 'fire-o', 'hot-o', 'gift-o', 'gift-card-o', 'coupon-o', 'discount-o', 'point-gift-o',
  'shop-o', 'cart-o', 'bag-o', 'goods-collect-o', 'label-o', 'star-o', 'like-o', 'gem-o',
  'diamond-o', 'vip-card-o', 'medal-o', 'award-o', 'flower-o', 'cake-o', 'hotel-o', 'home-o',
  'apps-o', 'bars', 'search', 'location-o', 'phone-o', 'service-o', 'chat-o', 'question-o',
  'clock-o', 'calendar-o', 'photo-o', 'video-o', 'music-o', 'bookmark-o', 'flag-o', 'smile-o',
  'user-o', 'friends-o', 'logistics', 'cash-back-record', 'balance-o', 'paid', 'todo-list-o', 'info-o',
];

/**
 * The content module's public surface: the FAQ answer for a shopper's chat message (the chat's
 * auto-reply), and article writing for whoever seeds a shop (the demo).
 */
export { matchFaq, faqScore, FAQ_THRESHOLD, type FaqAnswer } from './faq-match.js';
export { createArticle, publish as publishArticle, createCategory, listCategories, listArticles } from './service.js';
export type { ArticleBody, HelpBody } from './schemas.js';

/** What the reviews module tells other modules. */
import { z } from 'zod';
import { defineEvent } from '../../core/events.js';

const id = z.number().int().positive();

/** A shopper reviewed an item they received (membership credits its points). */
export const reviewCreated = defineEvent('review.created', z.object({ tenantId: id, reviewId: id, customerId: id, listingId: id }));

export const reviewsEvents = [reviewCreated];

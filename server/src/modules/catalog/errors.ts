import { AppError, conflict, ValidationError } from '../../core/errors.js';

export const catalogErrors = {
  wrongStatus: (status: string, action: string) => conflict('invalid_state', `A ${status} product cannot be ${action}`),
  revisionPending: () => conflict('revision_pending', 'A revision of this product is waiting for review'),
  noRevision: () => conflict('invalid_state', 'This product has no revision waiting for review'),
  noWarehouse: (field: string) => ValidationError.field(field, 'add a warehouse first (POST /supplier/warehouses)', 'required'),
  unknownWarehouse: (field: string) => ValidationError.field(field, 'not one of your warehouses', 'invalid_value'),
  unknownCategory: () => ValidationError.field('categoryId', 'no such category', 'invalid_value'),
  unknownBrand: () => ValidationError.field('brandId', 'no such brand'),
  unknownFreightTemplate: () => ValidationError.field('freightTemplateId', 'not one of your freight templates', 'invalid_value'),
  categoryInUse: () => conflict('category_in_use', 'The category has sub-categories or products'),
  brandTaken: (name: string) => conflict('brand_taken', `A brand named ${name} exists`, [{ field: 'name', message: 'already taken' }]),
  specsMismatch: (field: string, message: string) => ValidationError.field(field, message),
  insufficientStock: (details?: unknown) => new AppError(409, 'insufficient_stock', 'Not enough stock', details),
};

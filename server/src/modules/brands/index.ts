/** The brands module's public surface. */
export { brandSales, type SalesReport, type SalesQuery } from './sales.js';
export { setFloors, listFloors, type FloorInput } from './floors.js';

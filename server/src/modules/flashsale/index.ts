/** The flash-sale module's public surface. */
export { allocator, type Allocator, type Verdict } from './allocator.js';

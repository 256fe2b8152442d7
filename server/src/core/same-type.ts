/**
 * Compiles only when A and B are the same type, optional fields included (mutual assignability
 * would let an optional field on one side go unnoticed). Pins a hand-written view type to the
 * response schema that describes it on the wire, so neither can change alone:
 * `sameType<OrderItemView, z.output<typeof orderItemViewSchema>>()`.
 */
type Same<A, B> = (<T>() => T extends Flat<A> ? 1 : 2) extends <T>() => T extends Flat<B> ? 1 : 2 ? true : false;
/** Interfaces and intersections compared by their fields, not by how they were written. */
type Flat<T> = T extends object ? (T extends readonly unknown[] ? { [K in keyof T]: Flat<T[K]> } : { [K in keyof T]: Flat<T[K]> }) : T;

export function sameType<A, B>(..._proof: Same<A, B> extends true ? [] : [never]): void {}

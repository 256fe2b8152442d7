/** What `Model.count({ group: ['roleId'] })` hands back (the MySQL driver may give strings), as a map by role id; null is "no role". */
export const countsByRole = (rows: unknown): Map<number | null, number> =>
  new Map((rows as Array<{ roleId: number | string | null; count: number | string }>).map((c) => [c.roleId === null ? null : Number(c.roleId), Number(c.count)]));

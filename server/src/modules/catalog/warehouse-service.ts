/** Where owners keep stock. Allocation (orders) reads province and city to ship from nearby. */
import type { Ctx } from '../../core/context.js';
import type { Owner } from '../../core/owner.js';
import * as repo from './repository/stock.js';
import type { WarehouseRow } from './repository/stock.js';

/** A warehouse as its owner sees it: the row as stored. */
export type WarehouseView = WarehouseRow;

export async function createWarehouse(ctx: Ctx, owner: Owner, input: Omit<WarehouseView, 'id' | 'district' | 'lat' | 'lng'> & { district?: string; lat?: number; lng?: number }): Promise<WarehouseView> {
  return repo.insertWarehouse(ctx, owner, { name: input.name, province: input.province, city: input.city, district: input.district ?? null, address: input.address, lat: input.lat ?? null, lng: input.lng ?? null });
}

export async function listWarehouses(ctx: Ctx, owner: Owner): Promise<WarehouseView[]> {
  return repo.warehousesOf(ctx, owner);
}

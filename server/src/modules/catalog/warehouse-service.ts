/** Where owners keep stock. Allocation (orders) reads province and city to ship from nearby. */
import type { Ctx } from '../../core/context.js';
import type { Owner } from '../../core/owner.js';
import * as repo from './repository/stock.js';
import type { WarehouseRow } from './repository/stock.js';

/** A warehouse as its owner sees it: the row as stored. */
export type WarehouseView = WarehouseRow;

type Optional = 'district' | 'contactName' | 'contactPhone' | 'lat' | 'lng';
export type WarehouseInput = Omit<WarehouseView, 'id' | Optional> & { [K in Optional]?: NonNullable<WarehouseView[K]> };

export async function createWarehouse(ctx: Ctx, owner: Owner, input: WarehouseInput): Promise<WarehouseView> {
  return repo.insertWarehouse(ctx, owner, {
    name: input.name,
    province: input.province,
    city: input.city,
    district: input.district ?? null,
    address: input.address,
    contactName: input.contactName ?? null,
    contactPhone: input.contactPhone ?? null,
    lat: input.lat ?? null,
    lng: input.lng ?? null,
  });
}

export async function listWarehouses(ctx: Ctx, owner: Owner): Promise<WarehouseView[]> {
  return repo.warehousesOf(ctx, owner);
}

/** Where owners keep stock. Allocation (orders) reads province and city to ship from nearby. */
import type { Ctx } from '../../core/context.js';
import { inTx } from '../../core/db/index.js';
import { Warehouse } from './model.js';
import type { Owner } from '../../core/owner.js';

export interface WarehouseView {
  id: number;
  name: string;
  province: string;
  city: string;
  district: string | null;
  address: string;
  lat: number | null;
  lng: number | null;
}

const view = (w: Warehouse): WarehouseView => ({ id: w.id, name: w.name, province: w.province, city: w.city, district: w.district, address: w.address, lat: w.lat, lng: w.lng });

export async function createWarehouse(ctx: Ctx, owner: Owner, input: Omit<WarehouseView, 'id' | 'district' | 'lat' | 'lng'> & { district?: string; lat?: number; lng?: number }): Promise<WarehouseView> {
  const w = await Warehouse.create(
    { ownerKind: owner.kind, ownerId: owner.id, name: input.name, province: input.province, city: input.city, district: input.district ?? null, address: input.address, lat: input.lat ?? null, lng: input.lng ?? null },
    inTx(ctx),
  );
  return view(w);
}

export async function listWarehouses(ctx: Ctx, owner: Owner): Promise<WarehouseView[]> {
  const rows = await Warehouse.findAll({ where: { ownerKind: owner.kind, ownerId: owner.id }, order: [['id', 'ASC']], ...inTx(ctx) });
  return rows.map(view);
}

export async function warehousesOf(ctx: Ctx, owner: Owner): Promise<Warehouse[]> {
  return Warehouse.findAll({ where: { ownerKind: owner.kind, ownerId: owner.id }, order: [['id', 'ASC']], ...inTx(ctx) });
}

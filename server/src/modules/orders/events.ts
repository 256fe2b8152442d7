/** What the orders module tells other modules. */
import { z } from 'zod';
import { defineEvent } from '../../core/events.js';

const id = z.number().int().positive();

export const orderCreated = defineEvent('order.created', z.object({ tenantId: id, orderId: id, orderNo: z.string(), customerId: id }));
export const orderPaid = defineEvent('order.paid', z.object({ tenantId: id, orderId: id }));
/** One parcel of a fulfilment left the warehouse. */
export const orderShipped = defineEvent('order.shipment', z.object({ tenantId: id, orderId: id, fulfillmentId: id, shipmentId: id }));
/** A paid order's fulfilments, held until now (holdFulfilment), went to their owners. */
export const orderFulfilmentReleased = defineEvent('order.fulfilment_released', z.object({ tenantId: id, orderId: id }));
export const orderStatusChanged = defineEvent('order.status_changed', z.object({ tenantId: id, orderId: id, orderNo: z.string(), customerId: id, from: z.string(), to: z.string() }));

/** Every event of this module, for its declaration (the platform's list of event types). */
export const ordersEvents = [orderCreated, orderPaid, orderShipped, orderStatusChanged, orderFulfilmentReleased];

/**
 * Order Management API (om-spec 2.1): receipts (post-once), categories (replaced by each PUT),
 * get order, image upload. Orders exist only for payments this merchant created (ePayment uses
 * paymentType ECOM; the simulator has no recurring agreements, so RECURRING orders never exist).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Reply, SimRequest } from './http-types';
import { checkImage } from './image-check';
import type { PaymentType } from './order-store';
import { checkReceipt } from './receipt-schema';
import type { Route, SimContext } from './routes';
import { SimError, validationError } from './sim-error';
import { issuesToDetails } from './zod-details';

const ORDER_ID = /^[0-9A-Za-z\-_.]+$/;
const IMAGE_ID = z.string().min(1).max(128).regex(ORDER_ID);

const categorySchema = z.object({
  category: z.enum(['GENERAL', 'RECEIPT', 'ORDER_CONFIRMATION', 'DELIVERY', 'TICKET', 'BOOKING']),
  orderDetailsUrl: z.url(),
  imageId: IMAGE_ID.nullable().optional(),
});

const imageSchema = z.object({ imageId: IMAGE_ID, src: z.string().min(1), type: z.literal('base64') });

function orderParams(req: SimRequest): { type: PaymentType; orderId: string } {
  const { paymentType, orderId = '' } = req.params;
  if (paymentType !== 'ECOM' && paymentType !== 'RECURRING') {
    throw validationError([{ name: 'paymentType', reason: 'paymentType must be ECOM or RECURRING.' }]);
  }
  if (!ORDER_ID.test(orderId)) throw validationError([{ name: 'orderId', reason: 'Invalid orderId.' }]);
  return { type: paymentType, orderId };
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw validationError(issuesToDetails(parsed.error));
  return parsed.data;
}

const notFound = (orderId: string) =>
  new SimError(404, 'Not Found', `No order ${orderId} for this merchant.`);

export function orderManagementRoutes(ctx: SimContext): Route[] {
  const { book, orders } = ctx;

  /** The payment behind an order, or the 404 Order Management answers. */
  const requireOrder = (msn: string, type: PaymentType, orderId: string) => {
    const payment = type === 'ECOM' ? book.find(msn, orderId) : undefined;
    if (!payment) throw notFound(orderId);
    return payment;
  };

  return [
    {
      method: 'POST',
      pattern: /^\/order-management\/v2\/(?<paymentType>[^/]+)\/receipts\/(?<orderId>[^/]+)$/,
      operation: 'addReceipt',
      api: 'order-management',
      handle(req, msn): Reply {
        const { type, orderId } = orderParams(req);
        const payment = requireOrder(msn, type, orderId);
        const checked = checkReceipt(req.body);
        if (!checked.ok) throw validationError(checked.details);
        if (checked.receipt.bottomLine.currency !== payment.amount.currency) {
          throw validationError([
            { name: 'bottomLine.currency', reason: "Must match the payment's currency." },
          ]);
        }
        if (!orders.attachReceipt(msn, type, orderId, checked.receipt)) {
          throw new SimError(
            409,
            'Conflict',
            'The order already has a receipt; a receipt cannot be changed.',
          );
        }
        return { status: 201, body: randomUUID() };
      },
    },
    {
      method: 'PUT',
      pattern: /^\/order-management\/v2\/(?<paymentType>[^/]+)\/categories\/(?<orderId>[^/]+)$/,
      operation: 'putCategory',
      api: 'order-management',
      handle(req, msn): Reply {
        const { type, orderId } = orderParams(req);
        requireOrder(msn, type, orderId);
        const category = parse(categorySchema, req.body);
        if (category.imageId && !orders.hasImage(msn, category.imageId)) {
          throw validationError([
            { name: 'imageId', reason: 'No image with this imageId; upload it first.' },
          ]);
        }
        orders.putCategory(msn, type, orderId, category);
        return { status: 200, body: randomUUID() };
      },
    },
    {
      method: 'GET',
      pattern: /^\/order-management\/v2\/(?<paymentType>[^/]+)\/(?<orderId>[^/]+)$/,
      operation: 'getOrder',
      api: 'order-management',
      handle(req, msn): Reply {
        const { type, orderId } = orderParams(req);
        requireOrder(msn, type, orderId);
        const category = orders.category(msn, type, orderId);
        const receipt = orders.receipt(msn, type, orderId);
        return { status: 200, body: { ...(category ? { category } : {}), ...(receipt ? { receipt } : {}) } };
      },
    },
    {
      method: 'POST',
      pattern: /^\/order-management\/v1\/images$/,
      operation: 'uploadImage',
      api: 'order-management',
      handle(req, msn): Reply {
        const image = parse(imageSchema, req.body);
        const checked = checkImage(image.src);
        if (!checked.ok) throw validationError([{ name: 'src', reason: checked.reason }]);
        if (!orders.addImage(msn, image.imageId, checked.bytes)) {
          throw new SimError(409, 'Conflict', `An image with imageId ${image.imageId} already exists.`);
        }
        return { status: 200, body: { imageId: image.imageId } };
      },
    },
  ];
}

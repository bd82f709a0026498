/**
 * Order Management data per merchant and order: the receipt (post-once), the category (replaced
 * by each PUT) and uploaded images.
 */
import type { SimReceipt } from './receipt-schema';

export type PaymentType = 'ECOM' | 'RECURRING';

export interface Category {
  category: string;
  orderDetailsUrl: string;
  imageId?: string | null;
}

export interface OrderStore {
  receipt(msn: string, type: PaymentType, orderId: string): SimReceipt | undefined;
  /** false when the order already has a receipt (it can be added only once). */
  attachReceipt(msn: string, type: PaymentType, orderId: string, receipt: SimReceipt): boolean;
  category(msn: string, type: PaymentType, orderId: string): Category | undefined;
  putCategory(msn: string, type: PaymentType, orderId: string, category: Category): void;
  hasImage(msn: string, imageId: string): boolean;
  /** false when the image id is taken. */
  addImage(msn: string, imageId: string, bytes: Buffer): boolean;
}

export function createOrderStore(): OrderStore {
  const receipts = new Map<string, SimReceipt>();
  const categories = new Map<string, Category>();
  const images = new Map<string, Buffer>();
  const id = (...parts: string[]) => parts.join('\u0000');
  return {
    receipt: (msn, type, orderId) => receipts.get(id(msn, type, orderId)),
    attachReceipt(msn, type, orderId, receipt) {
      const key = id(msn, type, orderId);
      if (receipts.has(key)) return false;
      receipts.set(key, structuredClone(receipt));
      return true;
    },
    category: (msn, type, orderId) => categories.get(id(msn, type, orderId)),
    putCategory(msn, type, orderId, category) {
      categories.set(id(msn, type, orderId), { ...category });
    },
    hasImage: (msn, imageId) => images.has(id(msn, imageId)),
    addImage(msn, imageId, bytes) {
      const key = id(msn, imageId);
      if (images.has(key)) return false;
      images.set(key, bytes);
      return true;
    },
  };
}

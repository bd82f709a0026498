/**
 * Vipps' documented ePayment error codes (docs:APIs/epayment-api/errors; vippsas/agent-toolkit
 * errors.md) with the HTTP status the simulator answers them with. Titles follow the docs; Vipps
 * may reword them, which is why clients must branch on the code.
 */
interface CatalogueEntry {
  status: number;
  title: string;
  detail: string;
}

export const ERROR_CATALOGUE = {
  '3010': { status: 500, title: 'Internal error', detail: 'Internal error.' },
  '4010': {
    status: 409,
    title: 'Capture idempotency conflict',
    detail: 'The capture request in an idempotent retry must be identical to the previous request(s).',
  },
  '4020': {
    status: 409,
    title: 'Idempotency error',
    detail: 'The Idempotency-Key already exists for a different request. Use a new key for a new operation.',
  },
  '4040': {
    status: 400,
    title: 'Invalid amount',
    detail: 'The amount is invalid. Amounts must be integers in minor units, like øre or cent.',
  },
  '4050': { status: 400, title: 'Invalid CustomerToken', detail: 'The parameter CustomerToken is invalid.' },
  '4060': { status: 400, title: 'Invalid PersonalQr', detail: 'The parameter PersonalQr is invalid.' },
  '4070': {
    status: 400,
    title: 'Invalid phone number',
    detail: 'The phone number must be in MSISDN format: country code and number, digits only.',
  },
  '4080': { status: 400, title: 'Invalid scope', detail: 'The profile scope is invalid.' },
  '4090': { status: 400, title: 'Invalid URL', detail: 'The URL must use https:// or a custom URL scheme.' },
  '4100': { status: 400, title: 'Metadata capacity exceeded', detail: 'At most 5 metadata pairs.' },
  '4120': {
    status: 400,
    title: 'Metadata key length exceeded',
    detail: 'Metadata keys are at most 100 chars.',
  },
  '4130': {
    status: 400,
    title: 'Metadata value length exceeded',
    detail: 'Metadata values are at most 500 chars.',
  },
  '4140': { status: 400, title: 'Missing required parameter', detail: 'A required parameter is missing.' },
  '4150': {
    status: 409,
    title: 'Reference already exists',
    detail: 'A payment with this reference already exists for this merchant.',
  },
  '5040': {
    status: 400,
    title: 'Invalid currency for merchant',
    detail: 'The currency does not match the sales unit.',
  },
  '5090': { status: 404, title: 'Reference not found', detail: 'No payment with this reference.' },
  '6010': {
    status: 400,
    title: 'Amount too small',
    detail: 'The amount is too small. The minimum is NOK 100 øre, DKK 1 øre, EUR 1 cent.',
  },
  '6020': {
    status: 400,
    title: 'Attempted refund before reservation',
    detail: 'Cannot refund a payment that is not captured. Check the payment event log.',
  },
  '6040': {
    status: 400,
    title: 'Cannot cancel a captured payment',
    detail: 'Cannot cancel a payment that has been captured. Refund instead.',
  },
  '6050': {
    status: 400,
    title: 'Cannot cancel a non-reserved payment',
    detail: 'Cannot cancel a payment that is not reserved. Check the payment event log.',
  },
  '6060': {
    status: 400,
    title: 'Cannot cancel authorized payment',
    detail: 'cancelTransactionOnly was set and the payment is already authorized.',
  },
  '6070': {
    status: 400,
    title: 'Cannot capture a cancelled payment',
    detail: 'Cannot capture a payment that has been cancelled. Check the payment event log.',
  },
  '6080': {
    status: 400,
    title: 'Cannot capture before reservation',
    detail: 'The amount you tried to capture is not reserved. The user must accept the payment first.',
  },
  '6090': {
    status: 400,
    title: 'Capture amount too high',
    detail: 'The capture amount exceeds the reserved amount that is not captured or cancelled.',
  },
  '6110': {
    status: 400,
    title: 'Expiration date is too late',
    detail: 'expiresAt is at most 60 days ahead.',
  },
  '6120': {
    status: 400,
    title: 'Expiration date is too soon',
    detail: 'expiresAt is at least 10 minutes ahead.',
  },
  '6130': {
    status: 400,
    title: 'Long living payments require a receipt',
    detail: 'Send receipt together with expiresAt.',
  },
  '6150': {
    status: 400,
    title: 'Not enough refundable',
    detail: 'Cannot refund more than the captured amount that is not already refunded.',
  },
  '6190': { status: 400, title: 'Payment cannot be cancelled', detail: 'The payment cannot be cancelled.' },
  '6200': { status: 400, title: 'Payment cannot be captured', detail: 'The payment cannot be captured.' },
  '6210': { status: 400, title: 'Payment cannot be refunded', detail: 'The payment cannot be refunded.' },
  '6230': {
    status: 400,
    title: 'Payment is already reserved',
    detail: 'The payment has already been authorized.',
  },
  '7010': {
    status: 400,
    title: 'Customer not found',
    detail: 'The customer cannot pay with Vipps MobilePay at this merchant.',
  },
  '10010': { status: 400, title: 'Approve failed', detail: 'The payment could not be approved.' },
  '10020': {
    status: 400,
    title: 'Approve not allowed',
    detail: 'Only a payment waiting for the customer can be approved.',
  },
} as const satisfies Record<string, CatalogueEntry>;

export type VippsErrorCode = keyof typeof ERROR_CATALOGUE;

/** ePayment webhooks where a public relay exists; polling stays on regardless. */
export { createWebhooksApi, EPAYMENT_EVENTS, type WebhooksApi } from './api';
export {
  checkRelayUrl,
  createWebhookService,
  POLLING_ONLY_EXPLANATION,
  type WebhookService,
  type WebhookServiceOptions,
} from './service';
export {
  expectedAuthorization,
  verifyWebhookRequest,
  type WebhookRequest,
  type WebhookVerdict,
} from './signature';

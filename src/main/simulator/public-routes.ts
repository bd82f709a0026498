/**
 * Routes outside the payment APIs: the access token endpoint and the QR image / QR target the
 * simulator's redirect URLs point at.
 */
import QRCode from 'qrcode';
import { qrTargetUrl } from './redirects';
import type { Route, SimContext } from './routes';
import { SimError } from './sim-error';

export function publicRoutes(ctx: SimContext): Route[] {
  const paymentFor = (token: string) => {
    const payment = token ? ctx.book.byRedirectToken(token) : undefined;
    if (!payment) throw new SimError(404, 'Not Found', 'Unknown or expired QR token.');
    return payment;
  };

  return [
    {
      method: 'POST',
      pattern: /^\/accesstoken\/get$/,
      operation: 'fetchAccessToken',
      api: 'token',
      handle: (req) => ({ status: 200, body: ctx.auth.issueToken(req) }),
    },
    {
      method: 'GET',
      pattern: /^\/qr-image\/v1$/,
      operation: 'qrImage',
      api: 'public',
      async handle(req) {
        const token = req.query.get('token') ?? '';
        paymentFor(token);
        const target = qrTargetUrl(ctx.baseUrl(), token);
        if (req.query.get('format') === 'png') {
          const size = Math.min(2000, Math.max(100, Number(req.query.get('size')) || 1024));
          return {
            status: 200,
            contentType: 'image/png',
            raw: await QRCode.toBuffer(target, { width: size }),
          };
        }
        return {
          status: 200,
          contentType: 'image/svg+xml',
          raw: await QRCode.toString(target, { type: 'svg' }),
        };
      },
    },
    {
      method: 'GET',
      pattern: /^\/qr\/v1\/(?<token>[^/]+)$/,
      operation: 'qrTarget',
      api: 'public',
      handle(req) {
        const payment = paymentFor(req.params.token ?? '');
        return {
          status: 200,
          contentType: 'text/plain; charset=utf-8',
          raw: `Vipps MobilePay simulator: payment ${payment.reference} is ${payment.state}.\n`,
        };
      },
    },
  ];
}

/**
 * What `redirectUrl` points at for each userFlow. The simulator serves the QR image and the QR's
 * target itself, so training mode can show a scannable code without reaching the internet.
 */
import type { UserFlow } from './types';

export type QrFormat = 'TEXT/TARGETURL' | 'IMAGE/SVG+XML' | 'IMAGE/PNG';

export function qrTargetUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/qr/v1/${token}`;
}

export function redirectUrlFor(
  baseUrl: string,
  flow: UserFlow,
  token: string,
  qr?: { format: QrFormat; size?: number | null } | null,
): string | null {
  switch (flow) {
    case 'PUSH_MESSAGE':
      return null;
    case 'QR': {
      const format = qr?.format ?? 'IMAGE/SVG+XML';
      if (format === 'TEXT/TARGETURL') return qrTargetUrl(baseUrl, token);
      if (format === 'IMAGE/PNG')
        return `${baseUrl}/qr-image/v1?token=${token}&format=png&size=${qr?.size ?? 1024}`;
      return `${baseUrl}/qr-image/v1?token=${token}`;
    }
    case 'WEB_REDIRECT':
      return `${baseUrl}/landing?token=${token}`;
    case 'NATIVE_REDIRECT':
      return `vipps://landing?token=${token}`;
  }
}

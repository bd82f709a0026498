import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import type { PaymentView } from '../../../preload/contract';

interface Props {
  qr: NonNullable<PaymentView['qr']>;
  alt: string;
  className?: string;
}

/**
 * Shows what the customer scans. A URL is drawn locally as an SVG (no request leaves the app);
 * an image from Vipps is shown as is when it is a data URL (the CSP allows nothing else).
 */
export function QrImage({ qr, alt, className }: Props) {
  const [src, setSrc] = useState<string | null>(qr.kind === 'image' ? qr.value : null);

  useEffect(() => {
    if (qr.kind === 'image') {
      setSrc(qr.value);
      return;
    }
    let live = true;
    QRCode.toString(qr.value, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' })
      .then((svg) => {
        if (live) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      })
      .catch(() => {
        if (live) setSrc(null);
      });
    return () => {
      live = false;
    };
  }, [qr.kind, qr.value]);

  if (!src) return <div className={`qr qr-pending ${className ?? ''}`} aria-busy="true" />;
  return (
    <img
      className={`qr ${className ?? ''}`}
      src={src}
      alt={alt}
      data-qr-value={qr.kind === 'url' ? qr.value : undefined}
    />
  );
}

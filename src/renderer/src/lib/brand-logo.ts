import mobilepayLogo from '../../../../resources/brand/mobilepay-logo.svg';
import vippsLogo from '../../../../resources/brand/vipps-logo.svg';
import type { Brand } from '../../../preload/contract';

/** The official logo files (resources/brand/, unmodified) by brand. */
export const BRAND_LOGO: Record<Brand, string> = { vipps: vippsLogo, mobilepay: mobilepayLogo };

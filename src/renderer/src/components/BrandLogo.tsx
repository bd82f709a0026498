import { BRAND_NAME } from '../lib/brand';
import { BRAND_LOGO } from '../lib/brand-logo';
import { useBrand } from '../lib/hooks';

/**
 * The market's official logo, unaltered, on a white plate (the logo is in the brand colour, so it
 * cannot sit on the coloured bar). Its text alternative is the brand's name.
 */
export function BrandLogo({ size }: { size: 'bar' | 'display' }) {
  const brand = useBrand();
  return (
    <span className={`brand-plate brand-plate-${size}`}>
      <img className="brand-logo" src={BRAND_LOGO[brand]} alt={BRAND_NAME[brand]} data-brand={brand} />
    </span>
  );
}

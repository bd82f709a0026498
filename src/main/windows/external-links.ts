/**
 * The only places the app may open in the system browser: Vipps MobilePay's help and developer
 * pages and the business portal. Compared by parsed origin, never by substring.
 */
export const EXTERNAL_ORIGINS: readonly string[] = [
  'https://vippsmobilepay.com',
  'https://www.vippsmobilepay.com',
  'https://help.vippsmobilepay.com',
  'https://developer.vippsmobilepay.com',
  'https://portal.vippsmobilepay.com',
];

export function isAllowedExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    // Userinfo ("https://vippsmobilepay.com@evil.example") is not part of the origin but is a trick.
    if (parsed.username !== '' || parsed.password !== '') return false;
    return parsed.protocol === 'https:' && EXTERNAL_ORIGINS.includes(parsed.origin);
  } catch {
    return false;
  }
}

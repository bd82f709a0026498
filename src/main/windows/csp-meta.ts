import { CONTENT_SECURITY_POLICY } from './csp';

/**
 * A Vite plugin (electron.vite.config.ts) that writes CONTENT_SECURITY_POLICY into the built
 * index.html as its meta tag, so the page carries the same policy that main sends as a header on
 * pos:// and the web host: one source, no second copy in src/renderer/index.html to drift. Build
 * only: the dev server gets the development policy as a header (security.ts), and a strict meta
 * tag would block Vite's inline HMR preamble.
 */
export function contentSecurityPolicyMeta() {
  return {
    name: 'pos-content-security-policy-meta',
    apply: 'build' as const,
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend' as const,
      },
    ],
  };
}

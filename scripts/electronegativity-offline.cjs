// Preloaded into Electronegativity by scripts/security-check.mjs.
// Its only network use is optional (fresh translations, the list of Electron releases) through got 11,
// whose retry after a failed DNS lookup throws an uncaught "The `onCancel` handler was attached after
// the promise settled" on Node 24 and kills the review on machines without internet. With one attempt
// and no retry, the lookup fails fast, Electronegativity catches it and carries on, as on Node 20.
const { createRequire } = require('node:module');

const fromElectronegativity = createRequire(require.resolve('@doyensec/electronegativity/package.json'));
const gotPath = fromElectronegativity.resolve('got');
const oneAttempt = require(gotPath).extend({ retry: { limit: 0 } });
oneAttempt.default = oneAttempt; // Electronegativity is Babel output and reads `.default`
require.cache[gotPath].exports = oneAttempt;

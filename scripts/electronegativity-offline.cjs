// Preloaded by security-check.mjs. Electronegativity uses `got` for two optional downloads:
// translations for $LANG and Electron's release list (for its "newer Electron has security fixes"
// note). Without internet, got's retry after a timeout crashes the whole process (p-cancelable:
// "onCancel handler was attached after the promise settled") before any check has run. Here both
// downloads fail at once instead, which Electronegativity already handles: bundled en-US texts,
// and the release-list note is skipped with "No connectivity?". Every code check still runs.
const Module = require('node:module');
const path = require('node:path');

const electronegativity = `${path.sep}@doyensec${path.sep}electronegativity${path.sep}`;
const offline = () => Promise.reject(new Error('no network during the security review'));
offline.head = offline;

const load = Module._load;
Module._load = function loadOffline(request, parent, ...rest) {
  if (request === 'got' && parent?.filename.includes(electronegativity)) return offline;
  return load.call(this, request, parent, ...rest);
};

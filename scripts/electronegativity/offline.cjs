// Electronegativity fetches translations from the internet at start; CI has no internet and tests must never
// reach it. Answer its one request locally with a failure, which makes it fall back to its bundled English.
const Module = require('module');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'got') {
    const offline = () => Promise.reject(new Error('offline: network access disabled for electronegativity'));
    offline.default = offline;
    return offline;
  }
  return load.call(this, request, ...rest);
};

'use strict';

// What hotpath does on this Node, read off the running faces rather than a list kept
// by hand: a face's export that is the built-in's own function is Node's, one that
// differs is hotpath's, one the built-in lacks is an extra. `require('hotpath').status()`
// returns it and `hotpath doctor` prints it.

const { addonState, native } = require('../internal/native.js');
const { UTF8_WRITER } = require('../internal/text/string-decoder.js');
const { NATIVE_DIGESTS } = require('../internal/crypto/kdf.js');
const { NAMES: DIGEST_NAMES } = require('../internal/crypto/algorithms.js');

const MODULES = ['zlib', 'crypto', 'string_decoder', 'readline', 'buffer', 'workers'];

// Why a Node-named function stays the built-in's own, where hotpath chose so (measured):
// per module, each reason with the functions it holds for.
const WHY_NODES_OWN = {
  zlib: {
    "the same C brotli engine as Node's (measured 0.89–1.05×): nothing to win": ['brotliCompress', 'brotliCompressSync'],
  },
  crypto: {
    "Node's one-shot beats any native call (a native one measured 0.75×)": ['hash'],
    'one short call: nothing to win': ['hkdf', 'hkdfSync'],
    "OpenSSL's in-process generator: a native call only adds cost": ['randomBytes', 'randomFill', 'randomFillSync', 'randomInt', 'randomUUID'],
    'already constant-time C++': ['timingSafeEqual'],
  },
  readline: {
    'terminal helper': ['clearLine', 'clearScreenDown', 'cursorTo', 'moveCursor', 'emitKeypressEvents'],
  },
};

const NOT_ACCELERATED = 'not accelerated by hotpath';

/**
 * Functions (and classes) a module object exports, own properties in order. Read from
 * descriptors: reading an accessor could run it (crypto's deprecated `fips` getter
 * warns DEP0093 on Node 24+).
 */
function functionNames(object) {
  const descriptors = Object.getOwnPropertyDescriptors(object);
  return Object.keys(descriptors).filter((name) => typeof descriptors[name].value === 'function');
}

/** Why `module.name`, the built-in's own function here, is. */
function whyNodesOwn(module, name, addon) {
  if (!addon.loaded) return 'the native addon did not load';
  const reasons = Object.entries(WHY_NODES_OWN[module] || {});
  const found = reasons.find(([, names]) => names.includes(name));
  return found ? found[0] : NOT_ACCELERATED;
}

/**
 * Where a face's wrapper hands every call to Node on this version (it exists so that
 * another version can take the native path), with the reason; undefined otherwise.
 */
function routedToNode(module, name) {
  if (module === 'crypto' && (name === 'pbkdf2' || name === 'pbkdf2Sync') && NATIVE_DIGESTS.size === 0) {
    return "this Node's OpenSSL PBKDF2 is faster (1.3–3× ring's): every call goes to Node's";
  }
  return undefined;
}

/** Notes on how a module runs on this Node, where that depends on the version. */
function notesOn(module) {
  if (!native) return [];
  if (module === 'string_decoder') {
    const how = {
      addon: 'UTF-8 decoded by the addon (simdutf)',
      js: "UTF-8: a chunk's edges in JS, its whole characters by Node's own utf8Slice",
      node: "UTF-8: Node's own StringDecoder write (its C++ is as fast as any other path here)",
    }[UTF8_WRITER];
    return how ? [how] : [];
  }
  if (module === 'crypto' && NATIVE_DIGESTS.size > 0) {
    // (Without native digests pbkdf2 is listed as Node's, with routedToNode's reason.)
    const digests = [...NATIVE_DIGESTS].map((id) => DIGEST_NAMES[id][0]);
    return [`pbkdf2 native for ${digests.join(', ')}, Node's for other digests`];
  }
  if (module === 'zlib') {
    return [
      'stream writes up to 16 KiB run on the JS thread, bigger ones on the pool',
      "BrotliCompress streams at quality 10-11 (the default) are Node's own: its C brotli is newer",
    ];
  }
  if (module === 'buffer') {
    return ["indexOf, lastIndexOf and includes are Buffer's methods as functions (install() puts them on Buffer.prototype)"];
  }
  return [];
}

/** One module: its native functions, the built-in's own (with why), its extras. */
function describeModule(module, addon) {
  const face = require(`../${module}.js`);
  const builtin = module === 'workers' ? {} : require(`node:${module}`);
  const result = { native: [], builtin: [], extras: [], notes: notesOn(module) };
  for (const name of functionNames(face)) {
    if (!Object.prototype.hasOwnProperty.call(builtin, name)) {
      result.extras.push(name);
      continue;
    }
    const why = face[name] === builtin[name] || !addon.loaded ? whyNodesOwn(module, name, addon) : routedToNode(module, name);
    if (why) result.builtin.push({ name, why });
    else result.native.push(name);
  }
  return result;
}

/** What `hotpath doctor` prints, as data. */
function status() {
  const addon = addonState();
  const modules = {};
  for (const module of MODULES) modules[module] = describeModule(module, addon);
  return {
    hotpath: require('../../package.json').version,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    addon,
    threads: native ? native.poolThreads() : null,
    modules,
  };
}

module.exports = { status, MODULES, NOT_ACCELERATED };

'use strict';

// Loads hotpath's native addon (hand-written, not napi-rs's generated loader, so it
// looks only where hotpath's binaries are and its errors say hotpath's cause): the
// file a build from a clone leaves here, else the platform package npm installed as
// an optional dependency. HOTPATH_ADDON_PATH names another file to load instead.

const fs = require('node:fs');
const path = require('node:path');

// The platform packages hotpath publishes (package.json › napi.targets), by
// `${process.platform}-${process.arch}`, Linux also by C library.
const PLATFORMS = {
  'linux-x64': { gnu: 'linux-x64-gnu', musl: 'linux-x64-musl' },
  'linux-arm64': { gnu: 'linux-arm64-gnu', musl: 'linux-arm64-musl' },
  'darwin-x64': 'darwin-x64',
  'darwin-arm64': 'darwin-arm64',
  'win32-x64': 'win32-x64-msvc',
};

function isMusl() {
  const report = process.report && typeof process.report.getReport === 'function' ? process.report.getReport() : null;
  if (report && report.header && report.header.glibcVersionRuntime) return false;
  try {
    return fs.readFileSync('/usr/bin/ldd', 'utf8').includes('musl');
  } catch {
    return Boolean(report && Array.isArray(report.sharedObjects) && report.sharedObjects.some((f) => f.includes('musl')));
  }
}

/** This machine's platform name as hotpath's binaries are named, or null if none fits. */
function platformName() {
  const entry = PLATFORMS[`${process.platform}-${process.arch}`];
  if (entry === undefined) return null;
  if (typeof entry === 'string') return entry;
  return isMusl() ? entry.musl : entry.gnu;
}

/** What to do about it, for the error's message. */
function remedy(name) {
  const install = name === null ? '' : `install hotpath-${name} (npm installs it with hotpath unless optional dependencies are omitted), or `;
  return `${install}build the addon from a clone of hotpath (npm install there; needs Rust)`;
}

function load() {
  const errors = [];
  const tryRequire = (id) => {
    try {
      return require(id);
    } catch (error) {
      errors.push(error);
      return null;
    }
  };
  if (process.env.HOTPATH_ADDON_PATH) {
    const binding = tryRequire(process.env.HOTPATH_ADDON_PATH);
    if (binding) return loadedFrom(binding, 'HOTPATH_ADDON_PATH', require.resolve(process.env.HOTPATH_ADDON_PATH));
    throw loadFailure(`the addon HOTPATH_ADDON_PATH names could not be loaded`, errors);
  }
  const name = platformName();
  if (name === null) {
    throw loadFailure(`no prebuilt native addon fits ${process.platform}-${process.arch}: ${remedy(null)}`, errors);
  }
  const local = path.join(__dirname, `hotpath.${name}.node`);
  if (fs.existsSync(local)) {
    const binding = tryRequire(local);
    if (binding) return loadedFrom(binding, 'local build', local);
  }
  const binding = tryRequire(`hotpath-${name}`);
  if (binding) return loadedFrom(binding, `platform package hotpath-${name}`, require.resolve(`hotpath-${name}`));
  throw loadFailure(`no native addon for ${name} could be loaded: ${remedy(name)}`, errors);
}

/**
 * Marks where the addon came from (`hotpath doctor` and `status()` say it), as a
 * non-enumerable property so the addon's own exports stay as napi made them.
 */
function loadedFrom(binding, source, file) {
  Object.defineProperty(binding, 'loadedFrom', { value: Object.freeze({ source, file }), enumerable: false });
  return binding;
}

/** The error: its message says what failed and what to do; `cause` chains each attempt's error. */
function loadFailure(message, errors) {
  const cause = errors.reduceRight((next, error) => {
    if (next !== undefined) error.cause = next;
    return error;
  }, undefined);
  const error = new Error(message, cause === undefined ? undefined : { cause });
  error.code = 'HOTPATH_NATIVE_UNAVAILABLE';
  return error;
}

module.exports = load();

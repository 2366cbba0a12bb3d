'use strict';

// hotpath/zlib: Node's zlib with native engines. Classes, create* factories and the
// one-shot functions are hotpath's (zlib-rs and Rust brotli, work on hotpath's
// thread pool); constants, codes and the legacy Z_* names are the built-in's own
// exports, descriptor and all. Without the native addon everything is Node's.

const builtin = require('node:zlib');
const { native, requireNative } = require('./internal/native.js');
const { copyBuiltin, override } = require('./internal/face.js');
const { invalidArgType } = require('./internal/errors.js');
const { validateUint32 } = require('./internal/validators.js');
const { crc32OfBytes, makeStringCrc32 } = require('./internal/zlib/crc32.js');
const rules = require('./internal/zlib/version-rules.js');

// Below this size one napi crossing costs more than the whole CRC in JS
// (measured: 16 B in JS ~14 ns, any native call ~140 ns; see benches/zlib.bench.mjs).
const JS_CRC32_MAX_BYTES = 96;

const face = copyBuiltin(builtin);
module.exports = face;

const ONE_SHOT = {
  deflate: 'DEFLATE',
  inflate: 'INFLATE',
  gzip: 'GZIP',
  gunzip: 'GUNZIP',
  deflateRaw: 'DEFLATERAW',
  inflateRaw: 'INFLATERAW',
  unzip: 'UNZIP',
  brotliCompress: 'BROTLI_ENCODE',
  brotliDecompress: 'BROTLI_DECODE',
};

if (native) {
  const stringCrc32 = makeStringCrc32(native, builtin.crc32);
  /** zlib.crc32(data[, value]): CRC-32 of a string's UTF-8 bytes or a view's bytes. */
  const crc32 = function crc32(data, value = 0) {
    if (typeof data === 'string') {
      validateUint32(value, 'value');
      return stringCrc32(data, value);
    }
    if (!ArrayBuffer.isView(data)) {
      throw invalidArgType('data', ['Buffer', 'TypedArray', 'DataView', 'string'], data);
    }
    validateUint32(value, 'value');
    // Empty input: the running Node's own answer (Node 20 gives 0 for a view whose
    // ArrayBuffer has no backing store; 24+ the start value).
    if (data.byteLength === 0 && builtin.crc32) return builtin.crc32(data, value);
    if (data.byteLength <= JS_CRC32_MAX_BYTES && data instanceof Uint8Array) return crc32OfBytes(data, value);
    return native.crc32Bytes(data, value);
  };
  override(face, 'crc32', crc32);

  const { STREAM_CLASSES } = require('./internal/zlib/streams.js');
  const { makeSync, makeAsync, makeMany } = require('./internal/zlib/one-shot.js');
  const { NODE_ONE_SHOT } = require('./internal/zlib/route.js');
  for (const [name, Class] of Object.entries(STREAM_CLASSES)) {
    override(face, name, Class);
    const create = function (options) {
      return new Class(options);
    };
    // 'value' on Node 20/22 (a property descriptor's function), `create${name}` on 24+.
    Object.defineProperty(create, 'name', { value: rules.factoryName(name) });
    override(face, `create${name}`, create);
  }
  for (const [name, modeName] of Object.entries(ONE_SHOT)) {
    const mode = builtin.constants[modeName];
    const syncForm = NODE_ONE_SHOT.has(name) ? builtin[`${name}Sync`] : makeSync(mode, name);
    face[`${name}Many`] = makeMany(mode, name, syncForm);
    if (NODE_ONE_SHOT.has(name)) continue;
    override(face, name, makeAsync(mode, name));
    override(face, `${name}Sync`, syncForm);
  }
} else {
  for (const name of Object.keys(ONE_SHOT)) {
    face[`${name}Many`] = async function many() {
      requireNative(`zlib.${name}Many()`);
    };
  }
}

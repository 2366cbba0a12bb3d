'use strict';

// hotpath/string_decoder: Node's StringDecoder on a native engine (same results, same
// state, same errors), accepting every WHATWG encoding label too; plus iconv-lite-style
// one-shot and streaming encode/decode as extras. Without the addon, StringDecoder is
// Node's own and the extras throw an error that says why.

const builtin = require('node:string_decoder');
const { native } = require('./internal/native.js');
const { copyBuiltin, override } = require('./internal/face.js');
const { StringDecoder } = require('./internal/text/string-decoder.js');
const codecs = require('./internal/string_decoder/text-codecs.js');

const face = copyBuiltin(builtin);
module.exports = face;

if (native) override(face, 'StringDecoder', StringDecoder);

face.encodingExists = codecs.encodingExists;
face.decode = codecs.decode;
face.encode = codecs.encode;
face.createDecodeStream = codecs.createDecodeStream;
face.createEncodeStream = codecs.createEncodeStream;

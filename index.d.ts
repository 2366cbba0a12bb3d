export { default as zlib } from './lib/zlib';
export { default as crypto } from './lib/crypto';
export { default as string_decoder } from './lib/string_decoder';
export { default as readline } from './lib/readline';
export { default as buffer } from './lib/buffer';
export { default as workers } from './lib/workers';

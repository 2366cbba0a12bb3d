// Must NOT type-check: __test__/types.test.mjs and install.test.mjs expect an error on
// each line marked `wrong`, and on no other line.
import { gzipSync, gzipMany } from 'hotpath/zlib';
import { createHash, hashManySync, hashFiles } from 'hotpath/crypto';
import { StringDecoder, decode } from 'hotpath/string_decoder';
import { countLines } from 'hotpath/readline';
import { count } from 'hotpath/buffer';
import { reduceSync, statsSync } from 'hotpath/workers';

gzipSync(42); // wrong: a number is not an input
gzipMany(Buffer.from('x')); // wrong: takes an array of inputs
createHash('sha256').update(1234); // wrong: update() takes a string or bytes
hashManySync('sha256', 'not an array'); // wrong: takes an array
new StringDecoder('utf8').write(3); // wrong: write() takes bytes
decode('already text', 'gbk'); // wrong: decode() takes bytes
countLines(7); // wrong: a path, URL or source, not a number
count('haystack', 'h'); // wrong: searches bytes, not a string
reduceSync(new Float64Array(1), 'median'); // wrong: not one of its operations
new StringDecoder('klingon'); // wrong: not a Node encoding or WHATWG label
gzipMany(['x'], { onProgress: 'often' }); // wrong: onProgress is a function
hashFiles(['a'], 'sha256', { outputEncoding: 'buffer' }).then((digests: string[]) => digests); // wrong: 'buffer' gives Buffers
const smallest: bigint = statsSync(new Float64Array(1)).min; // wrong: a Float64Array's min is a number

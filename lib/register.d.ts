// hotpath/register: loaded for its effect (`node --require hotpath/register` or
// `node --import hotpath/register`); it also says what it did.

/** The built-ins redirected to hotpath's faces (all, or those HOTPATH_REGISTER names). */
export declare const modules: ReadonlyArray<'zlib' | 'crypto' | 'string_decoder' | 'readline' | 'buffer'>;
/** How: 'module.registerHooks', or 'module.register + Module._load' on older Nodes. */
export declare const mechanism: 'module.registerHooks' | 'module.register + Module._load';

export { default as zlib } from './lib/zlib';
export { default as crypto } from './lib/crypto';
export { default as string_decoder } from './lib/string_decoder';
export { default as readline } from './lib/readline';
export { default as buffer } from './lib/buffer';
export { default as workers } from './lib/workers';

/** A Node-named function that stays the built-in's own on this Node, and why. */
export interface BuiltinFunction {
  name: string;
  why: string;
}

export interface ModuleStatus {
  /** Node-named functions hotpath runs (natively, or routed by size to Node where Node is faster). */
  native: string[];
  /** Node-named functions that are the built-in's own here. */
  builtin: BuiltinFunction[];
  /** hotpath's functions that Node's module lacks. */
  extras: string[];
  /** How the module runs on this Node, where that depends on the version. */
  notes: string[];
}

export type AddonStatus =
  | { loaded: true; source: string; file: string }
  | { loaded: false; code: string | undefined; reason: string };

/** What `npx hotpath doctor` prints, as data. */
export interface HotpathStatus {
  hotpath: string;
  node: string;
  platform: string;
  addon: AddonStatus;
  /** Threads of hotpath's pool, or null without the addon. */
  threads: number | null;
  modules: Record<'zlib' | 'crypto' | 'string_decoder' | 'readline' | 'buffer' | 'workers', ModuleStatus>;
}

/** What hotpath does on this Node: whether the addon loaded and from where, its pool, and per module which functions are native. */
export declare function status(): HotpathStatus;

// hotpath/workers: native kernels over TypedArray memory (ArrayBuffer or
// SharedArrayBuffer), in place, on hotpath's one pool of native threads.
import type { LongWorkOptions } from './internal/long-work';

export type { LongWorkOptions };

/** Every numeric TypedArray (Float16Array too, where the running Node has it). */
export type NumericArray =
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array
  // Float16Array, named by shape: TypeScript's own lib has it only from 5.9 (esnext).
  | (ArrayBufferView & { readonly BYTES_PER_ELEMENT: 2; readonly length: number });

type BigIntArray = BigInt64Array | BigUint64Array;
/** What an element reads as: a BigInt for BigInt64Array/BigUint64Array, else a Number. */
type ElementOf<T> = T extends BigIntArray ? bigint : number;

export interface ProgressOptions {
  /**
   * Two Int32 slots of a SharedArrayBuffer: the kernel stores the total units of work
   * at `index + 1` and raises the units done at `index` (read them with Atomics.load).
   */
  progress?: Int32Array;
  index?: number;
}

/** `signal`, and `onProgress` reading the progress slots (its own two where none are given). */
export interface AsyncOptions extends ProgressOptions, LongWorkOptions {}

export interface SortOptions {
  /** The exact reverse of the ascending order (NaNs first). */
  descending?: boolean;
}

export interface HistogramOptions {
  /** 1 to 2^24 equal-width bins (default 10). */
  bins?: number;
  /** The range, both or neither (default: that of the finite elements). */
  min?: number | bigint;
  max?: number | bigint;
}

/** The smallest or largest element: a Number (NaN if any is NaN, ±Infinity when empty), or for BigInt arrays a BigInt (undefined when empty). */
type Extreme<E> = E extends bigint ? bigint | undefined : number;

export interface Stats<E> {
  /** Math.min/Math.max rules. */
  min: Extreme<E>;
  max: Extreme<E>;
  /** Exact for integer arrays (a BigInt for BigInt arrays); compensated (Sum2) for floats. */
  sum: E;
  mean: number;
  /** The population variance (divided by n). */
  variance: number;
}

export type Operation = 'sum' | 'min' | 'max' | 'mean' | 'variance' | 'minmax';
type OperationResult<T, Op extends Operation> = Op extends 'minmax'
  ? [Extreme<ElementOf<T>>, Extreme<ElementOf<T>>]
  : Op extends 'mean' | 'variance'
    ? number
    : Op extends 'sum'
      ? ElementOf<T>
      : Extreme<ElementOf<T>>;

/** The pool's size: what it has, or will start with (os.availableParallelism()). */
export declare function threads(): number;
/** Sets the pool's size (1–1024) before its first use; ERR_INVALID_STATE after, unless unchanged. */
export declare function setThreads(n: number): void;

/** Sorts in place in TypedArray#sort's order (-0 before +0, NaNs last); resolves to the array. */
export declare function sort<T extends NumericArray>(typedArray: T, options?: SortOptions & AsyncOptions): Promise<T>;
export declare function sortSync<T extends NumericArray>(typedArray: T, options?: SortOptions & ProgressOptions): T;
/** The indices that sort the array, stable (a Float64Array past 2^32 elements). */
export declare function argsort(typedArray: NumericArray, options?: AsyncOptions): Promise<Uint32Array | Float64Array>;
export declare function argsortSync(typedArray: NumericArray, options?: ProgressOptions): Uint32Array | Float64Array;
export declare function reduce<T extends NumericArray, Op extends Operation>(
  typedArray: T,
  op: Op,
  options?: AsyncOptions,
): Promise<OperationResult<T, Op>>;
export declare function reduceSync<T extends NumericArray, Op extends Operation>(
  typedArray: T,
  op: Op,
  options?: ProgressOptions,
): OperationResult<T, Op>;
export declare function stats<T extends NumericArray>(typedArray: T, options?: AsyncOptions): Promise<Stats<ElementOf<T>>>;
export declare function statsSync<T extends NumericArray>(typedArray: T, options?: ProgressOptions): Stats<ElementOf<T>>;
/** Counts per bin, numpy.histogram's rules (a Float64Array once a count passes 2^32). */
export declare function histogram(
  typedArray: NumericArray,
  options?: HistogramOptions & AsyncOptions,
): Promise<Uint32Array | Float64Array>;
export declare function histogramSync(
  typedArray: NumericArray,
  options?: HistogramOptions & ProgressOptions,
): Uint32Array | Float64Array;

declare const face: {
  threads: typeof threads;
  setThreads: typeof setThreads;
  sort: typeof sort;
  sortSync: typeof sortSync;
  argsort: typeof argsort;
  argsortSync: typeof argsortSync;
  reduce: typeof reduce;
  reduceSync: typeof reduceSync;
  stats: typeof stats;
  statsSync: typeof statsSync;
  histogram: typeof histogram;
  histogramSync: typeof histogramSync;
};
export default face;

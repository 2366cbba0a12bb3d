// The options every long async extra takes (lib/internal/long-work.js).

export interface LongWorkOptions {
  /**
   * Cancels the call: the work stops before its next piece and the promise rejects
   * with an AbortError (code ABORT_ERR, `cause` the signal's reason).
   */
  signal?: AbortSignal;
  /**
   * Called from the main thread, at most every ~50 ms while the work advances, and
   * once with done === total just before the promise resolves.
   */
  onProgress?: (done: number, total: number) => void;
}

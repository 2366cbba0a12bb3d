// What the crypto suites share.

/** The digests hotpath computes natively, by Node's names. */
export const NATIVE = ['md5', 'sha1', 'sha256', 'sha384', 'sha512', 'sha512-256'];

/** What a call gives: its value, or its error's class, code and message. */
export function outcome(call) {
  try {
    return { value: call() };
  } catch (error) {
    return { error: [error.constructor.name, error.code, error.message] };
  }
}

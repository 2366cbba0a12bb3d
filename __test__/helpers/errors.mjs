import assert from 'node:assert/strict';

/** Runs both calls and asserts they throw the same class, `code` and message. */
export function assertSameError(ours, theirs, label) {
  let expected;
  try {
    theirs();
  } catch (error) {
    expected = error;
  }
  assert.ok(expected, `the built-in did not throw for ${label}`);
  assert.throws(
    ours,
    (actual) => {
      assert.equal(actual.constructor, expected.constructor, `class for ${label}`);
      assert.equal(actual.name, expected.name, `name for ${label}`);
      assert.equal(actual.code, expected.code, `code for ${label}`);
      assert.equal(actual.message, expected.message, `message for ${label}`);
      assert.equal(String(actual), String(expected), `toString for ${label}`);
      assert.equal(actual.stack.split('\n')[0], expected.stack.split('\n')[0], `stack header for ${label}`);
      return true;
    },
    label,
  );
}

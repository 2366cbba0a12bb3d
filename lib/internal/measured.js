'use strict';

// Where hotpath's engine beats the running Node's built-in depends on the Node: the
// built-ins got faster from 20 to 26 (OpenSSL 3.5, simdutf). A hand-over that a
// faster built-in makes worthwhile is decided per Node major from measurements on the
// dev machine (benches/, `npm run bench` under each version; the figures are in the
// comment at each table). A major not measured takes the choice of the nearest one
// measured below it (newer Nodes tend to keep their speed-ups), or the oldest.

const RUNNING_MAJOR = Number(process.versions.node.split('.')[0]);

/** `table[major]` for the running Node, or the nearest measured major below it. */
function forRunningNode(table) {
  const majors = Object.keys(table)
    .map(Number)
    .sort((a, b) => a - b);
  const measured = majors.filter((major) => major <= RUNNING_MAJOR);
  return table[measured.length > 0 ? measured[measured.length - 1] : majors[0]];
}

module.exports = { forRunningNode, RUNNING_MAJOR };

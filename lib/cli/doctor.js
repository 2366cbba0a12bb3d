'use strict';

// `hotpath doctor`: status() as a page a person reads.

const { MODULES, NOT_ACCELERATED } = require('./status.js');

// Where a wrapped list of names continues, under the first name after its label.
const INDENT = ' '.repeat(11);

/** `names` as comma-separated lines no wider than `width`, each indented by `indent`. */
function wrapNames(names, indent, width = 88) {
  const lines = [];
  let line = '';
  for (const name of names) {
    const next = line === '' ? name : `${line}, ${name}`;
    if (indent.length + next.length > width && line !== '') {
      lines.push(`${line},`);
      line = name;
    } else {
      line = next;
    }
  }
  if (line !== '') lines.push(line);
  return lines.map((text, index) => (index === 0 ? text : `${indent}${text}`)).join('\n');
}

/** Node's own functions grouped by why, so a reason shared by many is said once. */
function groupedByWhy(entries) {
  const groups = new Map();
  for (const { name, why } of entries) {
    if (!groups.has(why)) groups.set(why, []);
    groups.get(why).push(name);
  }
  return groups;
}

function formatStatus(report) {
  const lines = [`hotpath ${report.hotpath} on Node ${report.node} (${report.platform})`];
  const { addon } = report;
  if (addon.loaded) {
    lines.push(`addon:   loaded, ${addon.source} (${addon.file})`);
    lines.push(`threads: ${report.threads} in hotpath's pool (workers' setThreads() changes it)`);
  } else {
    lines.push(`addon:   NOT loaded: ${addon.reason}`);
    lines.push("         every Node-named function is the built-in's own; extras that need the addon fail");
  }
  for (const module of MODULES) {
    const entry = report.modules[module];
    lines.push('', `hotpath/${module}`);
    if (entry.native.length > 0) lines.push(`  native:  ${wrapNames(entry.native, INDENT)}`);
    for (const [why, names] of groupedByWhy(entry.builtin)) {
      if (why === NOT_ACCELERATED && names.length > 8) {
        lines.push(`  Node's:  ${names.length} other functions (${why}; --json lists them)`);
        continue;
      }
      lines.push(`  Node's:  ${wrapNames(names, INDENT)}`, `${INDENT}(${why})`);
    }
    if (entry.extras.length > 0) lines.push(`  extras:  ${wrapNames(entry.extras, INDENT)}`);
    for (const note of entry.notes) lines.push(`  note:    ${note}`);
  }
  return lines.join('\n');
}

module.exports = { formatStatus };

// Turns measured cases into the printed table, benches/RESULTS.md and RESULTS.svg.

import nodeVersions from '../scripts/node-versions.js';

export function formatBytes(bytes) {
  if (bytes >= 1 << 20) {
    const mib = bytes / (1 << 20);
    return Number.isInteger(mib) ? `${mib} MiB` : `${mib.toFixed(1)} MiB`;
  }
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} B`;
}

function formatRate(row, ns) {
  if (ns == null) return '–';
  // A sampled quantity (lower is better), shown as it is, not as a rate.
  if (row.unit === 'ms') return `${(ns / 1e6).toFixed(ns < 1e7 ? 2 : 0)} ms`;
  if (row.unit === 'µs') return `${(ns / 1e3).toFixed(ns < 1e5 ? 1 : 0)} µs`;
  if (row.unit === 'KiB') return `${Math.round(ns)} KiB`;
  if (row.unit === 'ops/s') {
    // A call may be several operations (16 streams in flight).
    const ops = (1e9 / ns) * (row.opsPerCall || 1);
    return ops >= 1e6 ? `${(ops / 1e6).toFixed(2)} M ops/s` : `${Math.round(ops).toLocaleString('en-US')} ops/s`;
  }
  const mbps = (row.bytes / ns) * 1e3;
  return mbps >= 1000 ? `${(mbps / 1000).toFixed(2)} GB/s` : `${mbps.toFixed(1)} MB/s`;
}

const ratio = (baseNs, ns) => baseNs / ns;
const formatRatio = (value) => `${value.toFixed(2)}×`;

/** One row per case: what is printed, saved and charted. */
export function summarize(module, testCase, times) {
  const unit = testCase.unit || (testCase.bytes ? 'MB/s' : 'ops/s');
  const row = {
    module,
    case: testCase.name,
    bytes: testCase.bytes || null,
    unit,
    ...(testCase.opsPerCall ? { opsPerCall: testCase.opsPerCall } : {}),
    builtinName: testCase.builtinName || 'built-in',
    times,
    ratio: ratio(times[testCase.builtinName || 'built-in'], times.hotpath),
    note: testCase.note || '',
  };
  const peers = Object.keys(testCase.peers || {});
  if (peers.length > 0) {
    const best = peers.reduce((a, b) => (times[a] <= times[b] ? a : b));
    row.bestPeer = { name: best, ns: times[best], hotpathRatio: ratio(times[best], times.hotpath) };
  }
  return row;
}

export function tableLines(rows) {
  const header = ['case', 'input', 'built-in', 'hotpath', 'hotpath / built-in', 'best peer', 'hotpath / peer', 'note'];
  const body = rows.map((row) => [
    row.case,
    row.bytes ? formatBytes(row.bytes) : '',
    `${formatRate(row, row.times[row.builtinName])}${row.builtinName === 'built-in' ? '' : ` (${row.builtinName})`}`,
    formatRate(row, row.times.hotpath),
    formatRatio(row.ratio),
    row.bestPeer ? `${row.bestPeer.name} ${formatRate(row, row.bestPeer.ns)}` : '–',
    row.bestPeer ? formatRatio(row.bestPeer.hotpathRatio) : '–',
    row.note,
  ]);
  return { header, body };
}

export function printTable(module, rows) {
  const { header, body } = tableLines(rows);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  console.log(`\n${module}`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const cells of body) console.log(line(cells));
}

// The order the versions are shown in (scripts/node-versions.js).
export const VERSION_ORDER = nodeVersions.SHOWN_ORDER.map(String);

function versionsInOrder(results) {
  const majors = Object.keys(results.versions);
  return [...VERSION_ORDER.filter((major) => majors.includes(major)), ...majors.filter((major) => !VERSION_ORDER.includes(major))];
}

export function markdown(results) {
  const { machine } = results;
  const out = [
    '# hotpath benchmark results',
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores (${machine.platform}). One section per Node major; each`,
    "ratio is against that version's own built-in (or the named plain-Node way).",
    `Medians of ${machine.rounds} alternating rounds; ratios above 1× mean hotpath is faster.`,
    'Written by `npm run bench`; the machines are shared and noisy, so read ratios, not absolute rates.',
    '',
    '![ratios](RESULTS.svg)',
  ];
  for (const major of versionsInOrder(results)) {
    out.push('', `## Node ${major}`);
    for (const [module, entry] of Object.entries(results.versions[major])) {
      const { header, body } = tableLines(entry.rows);
      out.push('', `### ${module}`, '', `Measured ${entry.measuredAt} under Node ${entry.node}.`, '');
      out.push(`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`);
      for (const cells of body) out.push(`| ${cells.join(' | ')} |`);
    }
  }
  return `${out.join('\n')}\n`;
}

const escapeXml = (text) => text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]);

/** Horizontal bars of log2(ratio) around a line at 1×, for the first version shown. */
export function svgChart(results) {
  const [major] = versionsInOrder(results);
  const rows = Object.values(results.versions[major] || {}).flatMap((entry) => entry.rows);
  const label = (row) =>
    `${row.module}: ${row.case}${row.bytes ? `, ${formatBytes(row.bytes)}` : ''}` +
    (row.builtinName === 'built-in' ? '' : ` (vs ${row.builtinName})`);
  // ~6.6 px per character at 12 px sans-serif.
  const labelWidth = Math.max(200, Math.ceil(Math.max(...rows.map((row) => label(row).length)) * 6.6) + 16);
  const plotWidth = 460;
  const barHeight = 18;
  const gap = 6;
  const top = 40;
  const logs = rows.map((r) => Math.log2(r.ratio));
  const low = Math.min(-1, Math.floor(Math.min(...logs)));
  const high = Math.max(1, Math.ceil(Math.max(...logs)));
  const x = (log) => labelWidth + ((log - low) / (high - low)) * plotWidth;
  const height = top + rows.length * (barHeight + gap) + 30;
  const width = labelWidth + plotWidth + 70;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="20" font-size="14" font-weight="bold">Node ${major}: hotpath / baseline (Node's built-in unless named), median throughput ratio, log scale</text>`,
  ];
  for (let tick = low; tick <= high; tick++) {
    const tx = x(tick);
    parts.push(`<line x1="${tx}" y1="${top - 6}" x2="${tx}" y2="${height - 24}" stroke="#ddd"/>`);
    parts.push(`<text x="${tx}" y="${height - 10}" text-anchor="middle" fill="#555">${2 ** tick}×</text>`);
  }
  rows.forEach((row, i) => {
    const y = top + i * (barHeight + gap);
    const log = Math.log2(row.ratio);
    const from = x(Math.min(0, log));
    const to = x(Math.max(0, log));
    const color = row.ratio >= 1 ? '#2e8b57' : '#c0392b';
    parts.push(`<text x="${labelWidth - 8}" y="${y + 13}" text-anchor="end">${escapeXml(label(row))}</text>`);
    parts.push(`<rect x="${from}" y="${y}" width="${Math.max(1, to - from)}" height="${barHeight}" fill="${color}"/>`);
    parts.push(`<text x="${to + 4}" y="${y + 13}">${row.ratio.toFixed(2)}×</text>`);
  });
  parts.push(`<line x1="${x(0)}" y1="${top - 8}" x2="${x(0)}" y2="${height - 24}" stroke="black" stroke-width="1.5"/>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

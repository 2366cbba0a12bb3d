// Packs hotpath as it would be published: the main package (`npm pack` of the
// checkout) and this machine's platform package (npm/<platform>/ with the built
// binary, as `napi artifacts` would place it), and installs tarballs into fresh
// projects with npm, where no Rust toolchain is on PATH.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './child-node.mjs';

function run(command, args, options) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** PATH without any folder that holds a `cargo` (so a build, were one tried, fails). */
export function pathWithoutCargo() {
  return (process.env.PATH || '')
    .split(path.delimiter)
    .filter((dir) => dir !== '' && !fs.existsSync(path.join(dir, 'cargo')))
    .join(path.delimiter);
}

function isMusl() {
  const report = process.report?.getReport?.();
  return !(report && report.header && report.header.glibcVersionRuntime);
}

/** npm/<dir> whose os, cpu and libc fit this process: its folder and package.json. */
export function platformPackage() {
  const npmDir = path.join(ROOT, 'npm');
  for (const dir of fs.readdirSync(npmDir)) {
    const manifest = JSON.parse(fs.readFileSync(path.join(npmDir, dir, 'package.json'), 'utf8'));
    if (!manifest.os.includes(process.platform) || !manifest.cpu.includes(process.arch)) continue;
    if (manifest.libc && !manifest.libc.includes(isMusl() ? 'musl' : 'glibc')) continue;
    return { dir: path.join(npmDir, dir), manifest };
  }
  throw new Error(`no npm/ package fits ${process.platform}-${process.arch}`);
}

/** `npm pack --json` of `dir` into `destination`; returns npm's report of the tarball. */
export function npmPack(dir, destination) {
  const out = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], { cwd: dir });
  const [report] = JSON.parse(out);
  return { ...report, tarball: path.join(destination, report.filename) };
}

/** Packs the platform package from a staged copy holding this checkout's binary. */
export function packPlatform(destination) {
  const { dir, manifest } = platformPackage();
  const stage = path.join(destination, 'stage', path.basename(dir));
  fs.mkdirSync(stage, { recursive: true });
  for (const file of fs.readdirSync(dir)) fs.copyFileSync(path.join(dir, file), path.join(stage, file));
  fs.copyFileSync(path.join(ROOT, manifest.main), path.join(stage, manifest.main));
  return { ...npmPack(stage, destination), manifest, binary: path.join(ROOT, manifest.main) };
}

/** A fresh project in `dir` with `tarballs` installed by npm, cargo kept off PATH. */
export function installProject(dir, tarballs) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: path.basename(dir), version: '1.0.0', private: true }, null, 2),
  );
  const env = { ...process.env, PATH: pathWithoutCargo(), npm_config_update_notifier: 'false' };
  delete env.CARGO;
  delete env.RUSTUP_HOME;
  return run('npm', ['install', '--no-audit', '--no-fund', ...tarballs], { cwd: dir, env });
}

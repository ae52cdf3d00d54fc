#!/usr/bin/env node
// Builds the Microsoft Teams app package (a zip with manifest.json, color.png and outline.png
// at its root) for Compliance OS.
//
//   node manifests/teams/package.js --bot-id <GUID> [--out <zip path>]
//   node manifests/teams/package.js --manifest <manifest.json> [--bot-id <GUID>] [--out <zip path>]
//
// The bot id (the bot's Microsoft App ID) can also come from the environment variable
// Bot__AppId. --manifest validates/packages an existing manifest file instead of the template
// (used by the tests for negative controls); its icons are looked up next to that file first,
// then in manifests/teams/.
//
// Checks, all reported together: the bot id is a GUID; no {{PLACEHOLDER}} is left; the manifest
// is valid against the Teams JSON schema named by its $schema, loaded from the copy bundled in
// @microsoft/app-manifest (installed in tests/js; never fetched from the network); icons exist,
// are PNGs, color is 192x192, outline is 32x32 with an alpha channel.
// Exit 0 and print the zip path on success; exit 1 and print every problem otherwise.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const HERE = __dirname;
const REPO = path.resolve(HERE, '..', '..');
const JS_DIR = path.join(REPO, 'tests', 'js');
const TEMPLATE = path.join(HERE, 'manifest.template.json');
const DEFAULT_OUT = path.join(HERE, 'build', 'compliance-os-teams.zip');
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const ICON_SIZES = { color: 192, outline: 32 };

function usage() {
  return 'usage: node manifests/teams/package.js --bot-id <GUID> [--out <zip path>] [--manifest <manifest.json>]\n' +
    '       (the bot id may also come from the environment variable Bot__AppId)';
}

function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const take = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    switch (arg) {
      case '--bot-id': opts.botId = take(); break;
      case '--out': opts.out = take(); break;
      case '--manifest': opts.manifest = take(); break;
      case '-h': case '--help': opts.help = true; break;
      default: throw new Error(`unknown argument ${arg}`);
    }
  }
  return opts;
}

// @microsoft/app-manifest@1.1.2 requires "fs-extra" at run time but lists it only under
// devDependencies, so a plain install lacks it. Rather than add another npm package, answer
// that one require with a small shim over node:fs covering the calls the package makes
// (pathExists, readFile, readFileSync, writeFile, writeJson, readJson). A real fs-extra,
// if ever installed, wins.
const FS_EXTRA_SHIM = {
  pathExists: (p) => fs.promises.access(p).then(() => true, () => false),
  pathExistsSync: (p) => fs.existsSync(p),
  readFile: (...a) => fs.promises.readFile(...a),
  readFileSync: (...a) => fs.readFileSync(...a),
  writeFile: (...a) => fs.promises.writeFile(...a),
  readJson: async (p) => JSON.parse((await fs.promises.readFile(p, 'utf8')).replace(/^\uFEFF/, '')),
  writeJson: (p, obj, o) => fs.promises.writeFile(p, JSON.stringify(obj, null, o && o.spaces) + '\n'),
};
function installFsExtraFallback() {
  const Module = require('module');
  const originalLoad = Module._load;
  Module._load = function load(request, ...rest) {
    if (request !== 'fs-extra') return originalLoad.call(this, request, ...rest);
    try {
      return originalLoad.call(this, request, ...rest);
    } catch (e) {
      if (e && e.code === 'MODULE_NOT_FOUND') return FS_EXTRA_SHIM;
      throw e;
    }
  };
}

function loadAppManifestPackage() {
  installFsExtraFallback();
  let resolved;
  try {
    resolved = require.resolve('@microsoft/app-manifest', { paths: [JS_DIR] });
  } catch {
    throw new Error(`@microsoft/app-manifest is not installed in ${JS_DIR}; run "npm ci" there first`);
  }
  // The package root is the folder holding its package.json; bundled schemas live in build/json-schemas.
  let root = path.dirname(resolved);
  while (!fs.existsSync(path.join(root, 'package.json')) && path.dirname(root) !== root) root = path.dirname(root);
  return { lib: require(resolved), root };
}

/** Loads the bundled schema for a $schema URL; refuses anything that would need the network. */
async function bundledSchema(pkg, schemaUrl) {
  const prefix = 'https://developer.microsoft.com/json-schemas/teams/';
  if (typeof schemaUrl !== 'string' || !schemaUrl.startsWith(prefix)) {
    throw new Error(`$schema must be a Teams schema URL starting with ${prefix} (got ${JSON.stringify(schemaUrl)})`);
  }
  const local = path.join(pkg.root, 'build', schemaUrl.substring('https://developer.microsoft.com/'.length));
  if (!fs.existsSync(local)) {
    throw new Error(`$schema ${schemaUrl} is not bundled in @microsoft/app-manifest (no ${local}); refusing to fetch it`);
  }
  // AppManifestUtils.fetchSchema reads the bundled copy when it exists (checked above).
  return pkg.lib.AppManifestUtils.fetchSchema(schemaUrl);
}

/** Reads width, height and colour type from the IHDR chunk of a PNG file. */
function readPngHeader(file) {
  const buf = fs.readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (buf.length < 33 || !buf.subarray(0, 8).equals(signature) || buf.toString('ascii', 12, 16) !== 'IHDR') {
    return null;
  }
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20), colorType: buf[25], hasTrns: buf.includes(Buffer.from('tRNS', 'ascii')) };
}

function checkIcons(manifest, searchDirs, problems) {
  const files = {};
  const icons = manifest && typeof manifest.icons === 'object' && manifest.icons ? manifest.icons : {};
  for (const [kind, size] of Object.entries(ICON_SIZES)) {
    const rel = icons[kind];
    if (typeof rel !== 'string' || rel.length === 0) {
      problems.push(`icons.${kind}: missing`);
      continue;
    }
    if (rel.includes('/') || rel.includes('\\')) {
      problems.push(`icons.${kind}: "${rel}" must be a file name at the package root`);
      continue;
    }
    const file = searchDirs.map((d) => path.join(d, rel)).find((f) => fs.existsSync(f));
    if (!file) {
      problems.push(`icons.${kind}: file "${rel}" not found in ${searchDirs.join(' or ')}`);
      continue;
    }
    const header = readPngHeader(file);
    if (!header) {
      problems.push(`icons.${kind}: ${file} is not a PNG file`);
      continue;
    }
    if (header.width !== size || header.height !== size) {
      problems.push(`icons.${kind}: ${file} is ${header.width}x${header.height}, must be ${size}x${size}`);
    }
    if (kind === 'outline' && header.colorType !== 6 && header.colorType !== 4 && !header.hasTrns) {
      problems.push(`icons.outline: ${file} has no transparency (PNG colour type ${header.colorType}, no tRNS)`);
    }
    files[rel] = file;
  }
  if (icons.color && icons.color === icons.outline) problems.push('icons: color and outline must be different files');
  return files;
}

// ---- minimal ZIP writer (stored entries deflated with zlib.deflateRawSync) ----
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function dosDateTime(d) {
  const time = (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2);
  const date = ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate();
  return { time, date };
}
function buildZip(entries) {
  const { time, date } = dosDateTime(new Date());
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBuf = Buffer.from(name, 'utf8');
    const deflated = zlib.deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // flags: UTF-8 names
    local.writeUInt16LE(8, 8); // method: deflate
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, nameBuf, deflated);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6); // version needed
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(deflated.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    // extra len, comment len, disk start, internal attrs, external attrs: 0
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + deflated.length;
  }
  const centralDir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDir, end]);
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`error: ${e.message}\n${usage()}`);
    return 1;
  }
  if (opts.help) {
    console.log(usage());
    return 0;
  }

  const problems = [];
  const botId = opts.botId ?? process.env.Bot__AppId;
  const manifestPath = path.resolve(opts.manifest ?? TEMPLATE);
  if (botId === undefined || botId === '') {
    if (!opts.manifest) problems.push('bot id: missing; pass --bot-id <GUID> or set Bot__AppId');
  } else if (!GUID.test(botId)) {
    problems.push(`bot id: "${botId}" is not a GUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, the bot's Microsoft App ID)`);
  }

  let text;
  try {
    text = fs.readFileSync(manifestPath, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    problems.push(`manifest: cannot read ${manifestPath}: ${e.message}`);
  }
  let manifest;
  if (text !== undefined) {
    if (botId && GUID.test(botId)) text = text.split('{{BOT_ID}}').join(botId.toLowerCase());
    try {
      manifest = JSON.parse(text);
    } catch (e) {
      problems.push(`manifest: ${manifestPath} is not valid JSON: ${e.message}`);
    }
  }

  let iconFiles = {};
  if (manifest !== undefined) {
    const leftover = [...new Set(JSON.stringify(manifest).match(/\{\{[A-Za-z0-9_]+\}\}/g) ?? [])];
    if (leftover.length > 0 && problems.every((p) => !p.startsWith('bot id:'))) {
      problems.push(`manifest: unfilled placeholder(s) ${leftover.join(', ')}`);
    }
    try {
      const pkg = loadAppManifestPackage();
      const schema = await bundledSchema(pkg, manifest.$schema);
      const errors = await pkg.lib.AppManifestUtils.validateAgainstSchema(manifest, schema);
      for (const err of errors) problems.push(`schema (${manifest.$schema}): ${err.trim()}`);
    } catch (e) {
      problems.push(`schema: ${e.message}`);
    }
    const searchDirs = [...new Set([path.dirname(manifestPath), HERE])];
    iconFiles = checkIcons(manifest, searchDirs, problems);
  }

  if (problems.length > 0) {
    console.error(`Teams app package NOT built (${manifestPath}): ${problems.length} problem(s)`);
    for (const p of problems) console.error(`error: ${p}`);
    return 1;
  }

  const entries = [{ name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8') }];
  for (const [rel, file] of Object.entries(iconFiles)) entries.push({ name: rel, data: fs.readFileSync(file) });
  const out = path.resolve(opts.out ?? DEFAULT_OUT);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, buildZip(entries));
  console.log(out);
  return 0;
}

main().then(
  (code) => { process.exitCode = code; },
  (e) => { console.error(`error: ${e && e.stack ? e.stack : e}`); process.exitCode = 1; },
);

#!/usr/bin/env node
// Fills the Slack app manifest's request URLs for one host and writes manifests/slack/build/manifest.yaml.
//
//   node manifests/slack/fill.js --base-url https://bot.example.com [--out <path>]
//   Slack__PublicBaseUrl=https://bot.example.com node manifests/slack/fill.js
//
// The base URL must be absolute https (Slack refuses plain http request URLs), without a query or fragment. Exit 0
// and print the output path on success; exit 1 and print every problem otherwise, writing nothing.
'use strict';
const fs = require('fs');
const path = require('path');

const HERE = __dirname;
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : undefined;
};

const problems = [];
const raw = option('--base-url') || process.env.Slack__PublicBaseUrl || '';
let base = raw.replace(/\/+$/, '');
if (!raw) {
  problems.push('no base URL: pass --base-url or set Slack__PublicBaseUrl');
} else {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'https:') problems.push(`the base URL must use https, not ${url.protocol}`);
    if (url.search || url.hash) problems.push('the base URL must not have a query or fragment');
  } catch {
    problems.push(`'${raw}' is not an absolute URL`);
  }
}

const template = fs.readFileSync(path.join(HERE, 'manifest.yaml'), 'utf8');
const filled = template
  .split('\n')
  .filter((line) => !line.startsWith('#'))
  .join('\n')
  .replaceAll('{{PUBLIC_BASE_URL}}', base);
const left = filled.match(/\{\{[A-Z_]+\}\}/g);
if (left) problems.push(`placeholders left: ${[...new Set(left)].join(', ')}`);

if (problems.length) {
  for (const p of problems) console.error(`error: ${p}`);
  process.exit(1);
}

const out = path.resolve(option('--out') || path.join(HERE, 'build', 'manifest.yaml'));
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, filled);
console.log(out);

#!/usr/bin/env node
// Type-checks Slack Block Kit JSON with the official types (@slack/types@3.2.0) and the TypeScript
// compiler, so our hand-rolled renderer is judged by definitions we did not write.
// Usage: node check-block-kit.js payload1.json [payload2.json ...]
// Each file is {"kind": "blocks" | "view", "payload": ...}: a message's blocks array, or a modal or
// App Home view object.
// Prints one JSON line {file, errors:[...]} per file; exits 1 if any file has any error.
//
// The JSON is written into a generated .ts file as a literal assigned to a typed constant. Importing
// the JSON file instead would widen "section" to string and let misspelled types through.
// The types do not check text lengths, block counts or id uniqueness: BlockKitLimits (C#) does.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const ts = require('typescript');

const SLACK_TYPES_DIR = path.dirname(require.resolve('@slack/types/package.json'));

const COMPILER_OPTIONS = {
  noEmit: true,
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  // Without the DOM library: faster, and a payload can never type-check by accident against a DOM type.
  lib: ['lib.es2022.d.ts'],
  types: [],
  // Errors inside @slack/types' own declarations are not ours to report.
  skipLibCheck: true,
  // The generated files live in a temporary folder, outside any node_modules lookup path.
  paths: { '@slack/types': [SLACK_TYPES_DIR] },
};

function tsSource(kind, payload) {
  const literal = (value) => JSON.stringify(value, null, 2);
  const header = "import type { KnownBlock, View } from '@slack/types';\n";
  if (kind === 'blocks') {
    return `${header}export const blocks: KnownBlock[] = ${literal(payload)};\n`;
  }
  // View.blocks is AnyBlock[], which admits any {type: string}: so the view's blocks are checked a
  // second time as KnownBlock[], or a misspelled block type inside a modal would pass.
  const blocks = payload !== null && typeof payload === 'object' ? payload.blocks : undefined;
  return `${header}export const view: View = ${literal(payload)};\n` +
    `export const viewBlocks: KnownBlock[] = ${literal(blocks === undefined ? null : blocks)};\n`;
}

function describe(diagnostic) {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (diagnostic.file && diagnostic.start !== undefined) {
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const source = diagnostic.file.text.split('\n')[line].trim();
    return `TS${diagnostic.code} at generated line ${line + 1}:${character + 1} (${source.slice(0, 120)}): ${message}`;
  }
  return `TS${diagnostic.code}: ${message}`;
}

function main(argv) {
  const files = argv.slice(2);
  if (files.length === 0) {
    process.stderr.write('usage: node check-block-kit.js <payload.json> [...]\n');
    return 2;
  }

  const results = files.map((file) => ({ file, errors: [], ts: null }));
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cos-block-kit-'));
  try {
    results.forEach((result, i) => {
      let json;
      try {
        json = JSON.parse(fs.readFileSync(result.file, 'utf8'));
      } catch (e) {
        result.errors.push(`cannot read JSON: ${e.message}`);
        return;
      }
      if (json === null || typeof json !== 'object' || (json.kind !== 'blocks' && json.kind !== 'view')) {
        result.errors.push('file must be {"kind": "blocks" | "view", "payload": ...}');
        return;
      }
      result.ts = path.join(workDir, `payload${i}.ts`);
      fs.writeFileSync(result.ts, tsSource(json.kind, json.payload));
    });

    // One compiler run over every file: loading the types once is most of the cost.
    const roots = results.filter((r) => r.ts !== null).map((r) => r.ts);
    if (roots.length > 0) {
      const program = ts.createProgram(roots, COMPILER_OPTIONS);
      const byFile = new Map(results.filter((r) => r.ts !== null).map((r) => [path.resolve(r.ts), r]));
      for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
        const owner = diagnostic.file ? byFile.get(path.resolve(diagnostic.file.fileName)) : undefined;
        if (owner) {
          owner.errors.push(describe(diagnostic));
        } else {
          // Options or library problems: every result is suspect, so none may pass.
          for (const r of results) r.errors.push(describe(diagnostic));
        }
      }
    }
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }

  let failed = false;
  for (const { file, errors } of results) {
    if (errors.length > 0) failed = true;
    process.stdout.write(JSON.stringify({ file, errors }) + '\n');
  }
  return failed ? 1 : 0;
}

process.exitCode = main(process.argv);

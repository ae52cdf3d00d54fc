#!/usr/bin/env node
// Checks Adaptive Card JSON files with the official parser (adaptivecards@3.0.6), so our
// hand-rolled renderer is judged by code we did not write.
// Usage: node validate-adaptive-card.js card1.json [card2.json ...]
// Prints one JSON line {file, errors:[...]} per file; exits 1 if any file has any event.
'use strict';

const fs = require('fs');

// The package's ESM entry point fails under require(); the UMD bundle works without a DOM.
const AC = require('adaptivecards/dist/adaptivecards.js');

// Teams renders bot-sent cards up to 1.5 only (protocol fact sheet A5).
const REQUIRED_VERSION = '1.5';

function describe(event) {
  // ValidationEvent is a numeric enum; the name reads better in a test failure.
  const name = AC.ValidationEvent ? AC.ValidationEvent[event.event] : undefined;
  return {
    phase: AC.ValidationPhase ? AC.ValidationPhase[event.phase] : event.phase,
    event: name !== undefined ? name : event.event,
    message: event.message,
  };
}

function validateFile(file) {
  const errors = [];
  let json;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return { file, errors: [{ phase: 'Read', event: 'InvalidJson', message: String(e.message) }] };
  }

  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { file, errors: [{ phase: 'Read', event: 'NotAnObject', message: 'card JSON must be an object' }] };
  }
  if (json.type !== 'AdaptiveCard') {
    errors.push({ phase: 'Check', event: 'WrongType', message: `type is ${JSON.stringify(json.type)}, expected "AdaptiveCard"` });
  }
  if (json.version !== REQUIRED_VERSION) {
    errors.push({ phase: 'Check', event: 'WrongVersion', message: `version is ${JSON.stringify(json.version)}, expected "${REQUIRED_VERSION}"` });
  }

  const card = new AC.AdaptiveCard();
  const ctx = new AC.SerializationContext();
  try {
    card.parse(json, ctx);
  } catch (e) {
    errors.push({ phase: 'Parse', event: 'Exception', message: String(e && e.message ? e.message : e) });
    return { file, errors };
  }
  for (let i = 0; i < ctx.eventCount; i++) {
    errors.push(describe(ctx.getEventAt(i)));
  }
  for (const event of card.validateProperties().validationEvents) {
    errors.push(describe(event));
  }
  return { file, errors };
}

function main(argv) {
  const files = argv.slice(2);
  if (files.length === 0) {
    process.stderr.write('usage: node validate-adaptive-card.js <card.json> [...]\n');
    return 2;
  }
  let failed = false;
  for (const file of files) {
    const result = validateFile(file);
    if (result.errors.length > 0) failed = true;
    process.stdout.write(JSON.stringify(result) + '\n');
  }
  return failed ? 1 : 0;
}

process.exitCode = main(process.argv);

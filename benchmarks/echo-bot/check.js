// Smoke check and sanity figure for the echo bot: `node check.js` (after `npm ci`). Exits non-zero on any failure.
//
// 1. Starts a fake Bot Framework connector on 127.0.0.1 (random port) that records every request it gets.
// 2. Spawns index.js on a free port and waits for its "listening" line.
// 3. Posts one Teams-like message activity without an Authorization header and asserts: 200; exactly one reply at
//    /v3/conversations/{id}/activities/{activityId} with text "echo: hello" and the right replyToId; the reply reached
//    the connector before the bot answered the inbound request (the connector holds its answer to that first reply
//    back for a while, and the inbound request must wait for it); no Authorization header on the reply; nothing else
//    asked of the connector. A token request would show as an Authorization header on the reply, or, where there is
//    no internet, as a failed turn (500 and a stack on stderr). HTTP(S)_PROXY also point the bot at the fake
//    connector, so anything the SDK's HTTP pipeline (@azure/core-rest-pipeline) sends off this machine shows up there
//    as a CONNECT (node-fetch and msal-node, which the SDK uses for OpenID metadata and tokens, ignore those
//    variables: those are caught by the two checks before).
// 4. Sends 2,000 messages (after 200 warm-up ones on the same connections) with 64 in flight on a keep-alive agent,
//    checks every one was answered 200 and echoed exactly once, and prints turns/s and p50/p99 latency, the bot's CPU
//    time and how many new connections it opened to the connector meanwhile. The fake connector and the load
//    generator share this process, and both processes share the machine's cores: a sanity figure, not a benchmark.
// 5. Stops the bot with SIGTERM and asserts it exits 0 having printed nothing but its listening line, and nothing to
//    stderr.
'use strict';

const http = require('node:http');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { performance } = require('node:perf_hooks');

const TOTAL = 2000;
const WARMUP = 200;
const CONCURRENCY = 64;
const FIRST_REPLY_HOLD_MS = 150;
const START_TIMEOUT_MS = 20_000;
const REQUEST_TIMEOUT_MS = 30_000;

let child = null;
let failures = 0;

function fail(message) {
  failures++;
  console.error(`FAIL: ${message}`);
}

function assert(condition, message) {
  if (condition) console.log(`ok: ${message}`);
  else fail(message);
}

function fatal(message) {
  console.error(`FAIL: ${message}`);
  if (child && child.exitCode === null) child.kill('SIGKILL');
  process.exit(1);
}

process.on('exit', () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

// ---------------------------------------------------------------- fake connector
const REPLY_PATH = /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/;
const replies = []; // { conversationId, activityId, body, headers, receivedAt }
const unexpected = []; // anything else: "METHOD url"
let holdNextReplyMs = 0;

const connector = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const receivedAt = performance.now();
    const url = req.url.split('?', 1)[0];
    const m = req.method === 'POST' ? REPLY_PATH.exec(url) : null;
    if (!m) {
      unexpected.push(`${req.method} ${req.url}`);
      res.statusCode = 404;
      return res.end();
    }
    let body = null;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      unexpected.push(`${req.method} ${req.url} (body is not JSON)`);
    }
    replies.push({
      conversationId: decodeURIComponent(m[1]),
      activityId: decodeURIComponent(m[2]),
      body,
      headers: req.headers,
      receivedAt,
    });
    const answer = () => {
      res.statusCode = 200;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end('{"id":"r1"}');
    };
    const hold = holdNextReplyMs;
    holdNextReplyMs = 0;
    if (hold > 0) setTimeout(answer, hold);
    else answer();
  });
});
// A proxied HTTPS request (token endpoint, OpenID metadata) arrives as CONNECT host:443.
let connectorSockets = 0;
connector.on('connection', () => { connectorSockets++; });
connector.on('connect', (req, socket) => {
  unexpected.push(`CONNECT ${req.url}`);
  socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
});

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
}

async function freePort() {
  const s = http.createServer();
  const port = await listen(s);
  await new Promise((r) => s.close(r));
  return port;
}

// ---------------------------------------------------------------- activities
let seq = 0;
function teamsMessage(serviceUrl, text) {
  seq++;
  return {
    type: 'message',
    id: `1700000000${String(seq).padStart(6, '0')}`,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    localTimezone: 'Asia/Calcutta',
    serviceUrl,
    channelId: 'msteams',
    from: {
      id: '29:1a2b3c4d5e6f7g8h9i0jKLMNOPqrstuvWXyz-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
      name: 'Priya Sharma',
      aadObjectId: '6f1c2b7e-3d4a-4e5f-9a8b-7c6d5e4f3a2b',
    },
    conversation: {
      conversationType: 'personal',
      tenantId: '0b5e6c1a-2f3d-4e8a-9b7c-1d2e3f4a5b6c',
      id: 'a:1Qm9vVJ7wX3kz8PZ0bLxH4yT2nR6sUeIcF5gAoDjKlMqWtYhGvBnCxE-0123456789',
    },
    recipient: { id: '28:bot', name: 'Compliance OS' },
    textFormat: 'plain',
    locale: 'en-US',
    text,
    entities: [{ locale: 'en-US', country: 'IN', platform: 'Web', timezone: 'Asia/Calcutta', type: 'clientInfo' }],
    channelData: { tenant: { id: '0b5e6c1a-2f3d-4e8a-9b7c-1d2e3f4a5b6c' } },
  };
}

function post(port, agent, activity) {
  const payload = Buffer.from(JSON.stringify(activity));
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/messages',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': payload.length },
        timeout: REQUEST_TIMEOUT_MS,
      },
      (res) => {
        const headersAt = performance.now();
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            body: Buffer.concat(chunks).toString('utf8'),
            start,
            headersAt,
            end: performance.now(),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer in ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

// utime+stime of a process from /proc (Linux); NaN elsewhere.
function childCpuSeconds(pid) {
  try {
    const stat = require('node:fs').readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks; USER_HZ is 100 on Linux
  } catch {
    return NaN;
  }
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function runLoad(port, agent, serviceUrl, count, concurrency) {
  const sent = new Map(); // activity id -> text
  const latencies = [];
  const badStatus = [];
  let next = 0;
  const t0 = performance.now();
  async function worker() {
    while (next < count) {
      next++;
      const activity = teamsMessage(serviceUrl, `load ${seq + 1}`);
      sent.set(activity.id, activity.text);
      const r = await post(port, agent, activity);
      if (r.status !== 200) badStatus.push(`${activity.id}: ${r.status} ${r.body.slice(0, 200)}`);
      latencies.push(r.end - r.start);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return { sent, seconds, latencies, badStatus };
}

// ---------------------------------------------------------------- main
async function main() {
  const connectorPort = await listen(connector);
  const serviceUrl = `http://127.0.0.1:${connectorPort}/`;
  const botPort = await freePort();

  const env = { ...process.env, PORT: String(botPort) };
  // Anything the SDK might read from the environment to turn authentication on.
  for (const k of ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppType', 'MicrosoftAppTenantId']) delete env[k];
  // Trap for outbound calls through the SDK's HTTP pipeline to anywhere but this machine.
  const trap = `http://127.0.0.1:${connectorPort}`;
  Object.assign(env, {
    HTTP_PROXY: trap, HTTPS_PROXY: trap, http_proxy: trap, https_proxy: trap,
    NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost',
  });

  child = spawn(process.execPath, [path.join(__dirname, 'index.js')], {
    env,
    cwd: __dirname,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  let listening = false;
  const expectedLine = `echo-bot listening on http://127.0.0.1:${botPort}`;
  await new Promise((resolve) => {
    const timer = setTimeout(() => fatal(`no listening line within ${START_TIMEOUT_MS} ms; stderr:\n${stderr}`), START_TIMEOUT_MS);
    child.stdout.on('data', (d) => {
      stdout += d;
      if (!listening && stdout.includes('\n')) {
        listening = true;
        clearTimeout(timer);
        resolve();
      }
    });
    exited.then(({ code, signal }) => {
      if (!listening) fatal(`bot exited early (code ${code}, signal ${signal}); stderr:\n${stderr}`);
    });
  });
  assert(stdout.split('\n')[0] === expectedLine, `bot printed "${expectedLine}"`);

  // ---- one turn, checked in detail
  const agent = new http.Agent({ keepAlive: true });
  const hello = teamsMessage(serviceUrl, 'hello');
  holdNextReplyMs = FIRST_REPLY_HOLD_MS;
  const r = await post(botPort, agent, hello);
  agent.destroy();
  assert(r.status === 200, `inbound POST /api/messages answered 200 (got ${r.status} ${r.body.slice(0, 300)})`);
  assert(replies.length === 1, `connector got exactly one reply (got ${replies.length})`);
  const rep = replies[0];
  if (rep) {
    const b = rep.body || {};
    assert(rep.conversationId === hello.conversation.id, `reply URL conversation id is the activity's (${rep.conversationId})`);
    assert(rep.activityId === hello.id, `reply URL activity id is the inbound activity id (${rep.activityId})`);
    assert(b.type === 'message', `reply type is message (${b.type})`);
    assert(b.text === 'echo: hello', `reply text is "echo: hello" (${JSON.stringify(b.text)})`);
    assert(b.replyToId === hello.id, `reply replyToId matches the inbound id (${b.replyToId})`);
    assert(b.conversation && b.conversation.id === hello.conversation.id, 'reply conversation id matches');
    assert(b.recipient && b.recipient.id === hello.from.id, 'reply recipient is the sender');
    assert(b.from && b.from.id === hello.recipient.id, 'reply from is the bot');
    assert(!rep.headers.authorization, `reply carries no Authorization header (${rep.headers.authorization || 'none'})`);
    assert(rep.receivedAt < r.headersAt, `reply reached the connector ${(r.headersAt - rep.receivedAt).toFixed(1)} ms before the inbound response began`);
    assert(r.end - r.start >= FIRST_REPLY_HOLD_MS,
      `inbound request waited for the connector's answer (took ${(r.end - r.start).toFixed(1)} ms, connector held ${FIRST_REPLY_HOLD_MS} ms)`);
  }
  assert(unexpected.length === 0, `no other request reached the connector or the proxy trap (${unexpected.join(', ') || 'none'})`);

  // ---- a non-message activity: no reply
  const before = replies.length;
  const typing = { ...teamsMessage(serviceUrl, undefined), type: 'typing' };
  delete typing.text;
  const rt = await post(botPort, undefined, typing);
  assert(rt.status === 200 && replies.length === before, `typing activity: 200 and no reply (status ${rt.status}, replies +${replies.length - before})`);

  // ---- throughput sanity figure
  // One keep-alive agent for warm-up and measurement, so the measured run starts on open connections.
  const loadAgent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const warm = await runLoad(botPort, loadAgent, serviceUrl, WARMUP, CONCURRENCY);
  assert(warm.badStatus.length === 0, `warm-up: ${WARMUP} turns all 200 (${warm.badStatus.slice(0, 3).join('; ')})`);
  const repliesBefore = replies.length;
  const socketsBefore = connectorSockets;
  const cpuBefore = childCpuSeconds(child.pid);
  const load = await runLoad(botPort, loadAgent, serviceUrl, TOTAL, CONCURRENCY);
  loadAgent.destroy();
  assert(load.badStatus.length === 0, `load: ${TOTAL} turns all 200 (${load.badStatus.length} not: ${load.badStatus.slice(0, 3).join('; ')})`);
  const loadReplies = replies.slice(repliesBefore);
  const echoed = new Map();
  for (const x of loadReplies) echoed.set(x.activityId, (echoed.get(x.activityId) || 0) + 1);
  const missing = [...load.sent.keys()].filter((id) => echoed.get(id) !== 1);
  assert(loadReplies.length === TOTAL && missing.length === 0,
    `load: connector got ${loadReplies.length} replies, each sent activity echoed exactly once (${missing.length} not)`);
  const wrongText = loadReplies.filter(
    (x) => !x.body || x.body.text !== `echo: ${load.sent.get(x.activityId)}` || x.body.replyToId !== x.activityId,
  );
  assert(wrongText.length === 0, `load: every reply echoes its own message's text and replyToId (${wrongText.length} not)`);
  assert(unexpected.length === 0, `still no other request at the connector or the proxy trap (${unexpected.slice(0, 5).join(', ') || 'none'})`);

  const lat = load.latencies;
  const botCpu = childCpuSeconds(child.pid) - cpuBefore;
  const botConnections = connectorSockets - socketsBefore;
  console.log(
    `echo-bot: ${TOTAL} turns, ${CONCURRENCY} in flight: ${(TOTAL / load.seconds).toFixed(0)} turns/s, ` +
      `p50 ${percentile(lat, 50).toFixed(2)} ms, p99 ${percentile(lat, 99).toFixed(2)} ms, max ${lat[lat.length - 1].toFixed(2)} ms ` +
      `(${load.seconds.toFixed(2)} s; bot CPU ${botCpu.toFixed(2)} s = ${((100 * botCpu) / load.seconds).toFixed(0)}% of a core; ` +
      `bot opened ${botConnections} connections to the connector; node ${process.version}, botbuilder ${require('botbuilder/package.json').version})`,
  );

  // ---- shutdown
  child.kill('SIGTERM');
  const exit = await Promise.race([exited, new Promise((r) => setTimeout(() => r(null), 5000))]);
  assert(exit && exit.code === 0, `bot exited 0 on SIGTERM (${exit ? `code ${exit.code}, signal ${exit.signal}` : 'still running after 5 s'})`);
  assert(stdout === expectedLine + '\n', `bot printed nothing but its listening line (stdout ${JSON.stringify(stdout.slice(0, 200))})`);
  assert(stderr === '', `bot wrote nothing to stderr (${JSON.stringify(stderr.slice(0, 500))})`);

  connector.close();
  connector.closeAllConnections();
  if (failures > 0) {
    console.error(`${failures} check(s) failed`);
    process.exit(1);
  }
  console.log('all checks passed');
}

main().catch((err) => fatal(err && err.stack ? err.stack : String(err)));

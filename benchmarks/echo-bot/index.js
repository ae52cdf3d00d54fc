// Bare echo bot on the official JavaScript Bot Framework SDK (botbuilder 4.23.x).
// The comparison point for the Teams bot throughput benchmark: nothing here but what the SDK itself does per turn.
//
// Anonymous, as the Bot Framework Emulator runs bots locally: with an empty MicrosoftAppId the SDK neither validates
// the inbound Authorization header nor asks for an outbound token (MicrosoftAppCredentials.Empty signs nothing), and
// it trusts any serviceUrl. The reply is POSTed to
// {serviceUrl}/v3/conversations/{conversationId}/activities/{replyToId} and awaited before the inbound request is
// answered, as CloudAdapter does.
//
// Hosted on Node's own `http` module: CloudAdapter.process only needs req.method, req.headers and an already-parsed
// req.body, and a response with status()/header()/send()/end() (the shape it checks for); the shim below gives that.
'use strict';

const http = require('node:http');
const {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
} = require('botbuilder');

const PORT = Number.parseInt(process.env.PORT || '3978', 10);
const HOST = '127.0.0.1';
const MAX_BODY_BYTES = 1024 * 1024;

// Anonymous: empty app id and password, MicrosoftAppType left unset (it would default to MultiTenant, which with an
// empty app id is PasswordServiceClientCredentialFactory in its "authentication disabled" mode). Passed explicitly
// rather than read from process.env, so a MicrosoftAppId in the environment cannot turn authentication on.
const auth = new ConfigurationBotFrameworkAuthentication({
  MicrosoftAppId: '',
  MicrosoftAppPassword: '',
});
const adapter = new CloudAdapter(auth);

async function onTurn(context) {
  if (context.activity.type === ActivityTypes.Message) {
    await context.sendActivity('echo: ' + (context.activity.text ?? ''));
  }
}

// The subset of the Express/Restify response API that CloudAdapter.process uses.
function shimResponse(res) {
  return {
    status(code) {
      res.statusCode = code;
      return this;
    },
    header(name, value) {
      res.setHeader(name, value);
      return this;
    },
    send(body) {
      if (res.writableEnded || body === undefined || body === null) return this;
      if (typeof body === 'string' || Buffer.isBuffer(body)) {
        if (!res.hasHeader('content-type')) res.setHeader('content-type', 'text/plain; charset=utf-8');
        res.write(body);
      } else {
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.write(JSON.stringify(body));
      }
      return this;
    },
    end() {
      if (!res.writableEnded) res.end();
      return this;
    },
  };
}

function reply(res, status, text) {
  res.statusCode = status;
  if (text) res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.end(text);
}

const server = http.createServer((req, res) => {
  const path = req.url.split('?', 1)[0];
  if (path !== '/api/messages') return reply(res, 404, 'Not Found');
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    return reply(res, 405, 'Method Not Allowed');
  }

  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      reply(res, 413, 'Payload Too Large');
      req.destroy();
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (res.writableEnded) return;
    try {
      req.body = JSON.parse(Buffer.concat(chunks, size).toString('utf8'));
    } catch {
      return reply(res, 400, 'Body is not JSON');
    }
    // process() answers 500 itself (and logs to stderr) when the turn throws.
    adapter.process(req, shimResponse(res), onTurn).catch((err) => {
      console.error(err);
      if (!res.headersSent) reply(res, 500);
      else res.end();
    });
  });
});

server.keepAliveTimeout = 65_000;

server.listen(PORT, HOST, () => {
  process.stdout.write(`echo-bot listening on http://${HOST}:${server.address().port}\n`);
});

function shutdown() {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  // Keep-alive clients in the middle of a request must not hold the exit up for long.
  setTimeout(() => process.exit(0), 2000).unref();
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);

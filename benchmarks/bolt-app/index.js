// Minimal app on the official Bolt for JavaScript framework (@slack/bolt 4.x): the comparison point for the Slack
// events benchmark. Bolt's own HTTP receiver verifies each request's signature, acknowledges the event at once (Bolt
// acks Events API requests before the listeners run) and the listener answers the DM with say(), which is
// chat.postMessage through Bolt's WebClient to SLACK_API_URL (the benchmark's fake Slack Web API).
'use strict';

const { App, LogLevel } = require('@slack/bolt');

const port = Number.parseInt(process.env.PORT || '3000', 10);
const app = new App({
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  token: process.env.SLACK_BOT_TOKEN,
  // auth.test once at start (against the fake API), then cached, as a real single-workspace Bolt app does.
  tokenVerificationEnabled: true,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
  logLevel: LogLevel.ERROR,
});

app.message(async ({ message, say }) => {
  await say(`You said: ${message.text ?? ''}`);
});

(async () => {
  await app.start({ port, host: '127.0.0.1' });
  console.log(`bolt app listening on 127.0.0.1:${port}`);
})();

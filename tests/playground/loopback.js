'use strict';
// Preload (`node -r ./loopback.js ...`): every server this process starts binds 127.0.0.1 only.
// The Agents Playground calls `server.listen(port)`, which would listen on all interfaces; a
// tool that fakes a Teams client for local testing must not be reachable from the network.
const net = require('net');

const LOOPBACK = '127.0.0.1';
const originalListen = net.Server.prototype.listen;

net.Server.prototype.listen = function listenOnLoopback(...args) {
  const first = args[0];
  if (first !== null && typeof first === 'object' && !Array.isArray(first)) {
    // listen({ port, host, ... }) — a handle ({ fd } / { _handle }) or an IPC path is left alone.
    if (first.path === undefined && first.fd === undefined && first._handle === undefined && !(first instanceof net.Server)) {
      args[0] = { ...first, host: LOOPBACK };
    }
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    // listen(port[, host][, backlog][, callback])
    if (typeof args[1] === 'string') {
      args[1] = LOOPBACK;
    } else {
      args.splice(1, 0, LOOPBACK);
    }
  } else if (first === undefined || typeof first === 'function') {
    // listen() / listen(callback): a random port
    args.unshift(0, LOOPBACK);
  }
  return originalListen.apply(this, args);
};

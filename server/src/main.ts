/**
 * The server's one bundle (dist/server/server.js): under Node the Node entry (`--stdio`, `--node-ipc`; server.ts),
 * in a web worker the browser entry (browserServer.ts). Both are startServer() with their host; only the one that
 * runs is loaded, so nothing from Node is touched in a worker.
 */
const inNode = typeof process !== "undefined" && typeof process.versions?.node === "string";
void (inNode ? import("./server") : import("./browserServer"));

/**
 * The LSP client's JSON-RPC layer (client/src/lsp/jsonrpc.ts) over an in-memory transport: responses find their
 * requests whatever the order, errors keep their code, the server's requests get an answer (or MethodNotFound),
 * a cancelled token sends `$/cancelRequest`, and a closed connection fails what is still pending.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Connection, ErrorCodes, ResponseError, isCancellation, type Message, type Transport } from "../../../client/src/lsp/jsonrpc";

/** The client's end of a pipe; `sent` is what reached the "server", `deliver` plays the server's messages. */
function pipe(): { transport: Transport; sent: Message[]; deliver(m: Message): void; close(reason: string): void } {
  const sent: Message[] = [];
  let onMessage: (m: Message) => void = () => undefined;
  let onClose: (reason: string) => void = () => undefined;
  return {
    sent,
    transport: {
      send: (m) => sent.push(structuredClone(m)),
      onMessage: (l) => (onMessage = l),
      onClose: (l) => (onClose = l),
      dispose: () => undefined,
    },
    deliver: (m) => onMessage(m),
    close: (reason) => onClose(reason),
  };
}

class Token {
  isCancellationRequested = false;
  private listeners: (() => void)[] = [];
  onCancellationRequested(l: () => void) {
    this.listeners.push(l);
    return { dispose: () => (this.listeners = this.listeners.filter((x) => x !== l)) };
  }
  cancel() {
    this.isCancellationRequested = true;
    for (const l of this.listeners) l();
  }
}

const tick = () => new Promise((r) => setImmediate(r));

describe("JSON-RPC connection", () => {
  it("numbers requests and matches responses that come back out of order", async () => {
    const p = pipe();
    const c = new Connection(p.transport, () => undefined);
    const a = c.sendRequest<string>("textDocument/hover", { n: 1 });
    const b = c.sendRequest<string>("textDocument/completion", { n: 2 });
    assert.deepEqual(p.sent, [
      { jsonrpc: "2.0", id: 1, method: "textDocument/hover", params: { n: 1 } },
      { jsonrpc: "2.0", id: 2, method: "textDocument/completion", params: { n: 2 } },
    ]);
    p.deliver({ jsonrpc: "2.0", id: 2, result: "second" });
    p.deliver({ jsonrpc: "2.0", id: 1, result: "first" });
    assert.equal(await a, "first");
    assert.equal(await b, "second");
  });

  it("a request without params sends none; a missing result is null", async () => {
    const p = pipe();
    const c = new Connection(p.transport, () => undefined);
    const r = c.sendRequest("shutdown");
    assert.deepEqual(p.sent[0], { jsonrpc: "2.0", id: 1, method: "shutdown" });
    p.deliver({ jsonrpc: "2.0", id: 1 });
    assert.equal(await r, null);
  });

  it("an error response rejects with its code, message and data", async () => {
    const p = pipe();
    const c = new Connection(p.transport, () => undefined);
    const r = c.sendRequest("textDocument/rename", {});
    p.deliver({ jsonrpc: "2.0", id: 1, error: { code: ErrorCodes.InvalidParams, message: "db is taken", data: { name: "db" } } });
    await assert.rejects(
      r,
      (e: unknown) =>
        e instanceof ResponseError && e.code === -32602 && e.message === "db is taken" && (e.data as { name: string }).name === "db",
    );
  });

  it("notifications go out without id and come in to their handler", async () => {
    const p = pipe();
    const c = new Connection(p.transport, () => undefined);
    c.sendNotification("initialized", {});
    assert.deepEqual(p.sent, [{ jsonrpc: "2.0", method: "initialized", params: {} }]);
    const got: unknown[] = [];
    c.onNotification("window/logMessage", (params) => got.push(params));
    p.deliver({ jsonrpc: "2.0", method: "window/logMessage", params: { type: 4, message: "ready" } });
    p.deliver({ jsonrpc: "2.0", method: "$/progress", params: {} }); // no handler: ignored
    assert.deepEqual(got, [{ type: 4, message: "ready" }]);
  });

  it("answers the server's requests: a result, a handler's error, MethodNotFound for the unknown", async () => {
    const p = pipe();
    const errors: string[] = [];
    const c = new Connection(p.transport, (t) => errors.push(t));
    c.onRequest("workspace/configuration", async (params) => (params as { items: unknown[] }).items.map(() => ({ rules: {} })));
    c.onRequest("workspace/applyEdit", () => {
      throw new Error("boom");
    });
    c.onRequest("client/registerCapability", () => undefined);
    p.deliver({ jsonrpc: "2.0", id: 7, method: "workspace/configuration", params: { items: [{ section: "shipshape" }] } });
    p.deliver({ jsonrpc: "2.0", id: 8, method: "workspace/applyEdit", params: {} });
    p.deliver({ jsonrpc: "2.0", id: "x", method: "client/registerCapability", params: {} });
    p.deliver({ jsonrpc: "2.0", id: 9, method: "window/unknown", params: {} });
    await tick();
    const byId = new Map(p.sent.map((m) => [m.id, m]));
    assert.equal(p.sent.length, 4);
    assert.deepEqual(byId.get(7), { jsonrpc: "2.0", id: 7, result: [{ rules: {} }] });
    assert.deepEqual(byId.get(8), { jsonrpc: "2.0", id: 8, error: { code: ErrorCodes.InternalError, message: "boom" } });
    assert.deepEqual(byId.get("x"), { jsonrpc: "2.0", id: "x", result: null });
    assert.deepEqual(byId.get(9), {
      jsonrpc: "2.0",
      id: 9,
      error: { code: ErrorCodes.MethodNotFound, message: "Unhandled method window/unknown" },
    });
    assert.equal(errors.length, 1, "the failed handler is logged");
  });

  it("cancelling the token sends $/cancelRequest and rejects at once; the late answer is dropped", async () => {
    const p = pipe();
    const c = new Connection(p.transport, () => undefined);
    const token = new Token();
    const r = c.sendRequest("textDocument/completion", {}, token);
    token.cancel();
    assert.deepEqual(p.sent[1], { jsonrpc: "2.0", method: "$/cancelRequest", params: { id: 1 } });
    await assert.rejects(r, (e: unknown) => isCancellation(e));
    p.deliver({ jsonrpc: "2.0", id: 1, error: { code: ErrorCodes.RequestCancelled, message: "cancelled" } });
    // a token cancelled before the request is not sent at all
    const before = new Token();
    before.cancel();
    await assert.rejects(c.sendRequest("textDocument/hover", {}, before), (e: unknown) => isCancellation(e));
    assert.equal(p.sent.length, 2);
  });

  it("ContentModified and ServerCancelled count as cancellations, other errors do not", () => {
    assert.ok(isCancellation(new ResponseError(ErrorCodes.ContentModified, "")));
    assert.ok(isCancellation(new ResponseError(ErrorCodes.ServerCancelled, "")));
    assert.ok(!isCancellation(new ResponseError(ErrorCodes.InternalError, "")));
    assert.ok(!isCancellation(new Error("x")));
  });

  it("closing fails every pending request and refuses new ones", async () => {
    const p = pipe();
    const c = new Connection(p.transport, () => undefined);
    const r = c.sendRequest("textDocument/hover", {});
    c.close("exit code 1");
    await assert.rejects(r, /stopped \(exit code 1\) before answering textDocument\/hover/);
    await assert.rejects(
      c.sendRequest("textDocument/hover", {}),
      (e: unknown) => e instanceof ResponseError && e.code === ErrorCodes.ConnectionClosed,
    );
    c.sendNotification("exit");
    assert.equal(p.sent.length, 1);
    p.deliver({ jsonrpc: "2.0", method: "window/logMessage", params: {} }); // nothing to do after close, no throw
  });

  it("traces what goes out and comes in", async () => {
    const p = pipe();
    const c = new Connection(p.transport, () => undefined);
    const seen: string[] = [];
    c.tracer = (direction, m) => seen.push(`${direction} ${m.method ?? `#${String(m.id)}`}`);
    const r = c.sendRequest("initialize", {});
    p.deliver({ jsonrpc: "2.0", id: 1, result: { capabilities: {} } });
    await r;
    assert.deepEqual(seen, ["send initialize", "receive #1"]);
  });
});

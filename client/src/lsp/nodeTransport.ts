/**
 * The desktop transport: the server bundle forked as a Node process, messages over Node's IPC channel (the
 * server's `--node-ipc` mode). Its stdout and stderr go to the output channel.
 */
import { fork } from "node:child_process";
import type { Message, Transport } from "./jsonrpc";

/** Whether this extension host runs under a debugger: the server then opens its own inspector port. */
const debugging = process.execArgv.some((a) => /^--(inspect|debug)(-brk)?(=|$)/.test(a));

export function forkServer(module: string, log: (text: string) => void): Transport {
  const child = fork(module, ["--node-ipc", `--clientProcessId=${process.pid}`], {
    execArgv: debugging ? ["--nolazy", "--inspect=6029"] : [],
    silent: true,
    // VS Code's extension host is Electron: its executable runs as plain Node only with this
    env: { ...process.env, ELECTRON_RUN_AS_NODE: "1" },
  });
  const closeListeners: ((reason: string) => void)[] = [];
  let closed = false;
  const close = (reason: string) => {
    if (closed) return;
    closed = true;
    for (const l of closeListeners) l(reason);
  };
  child.stdout?.on("data", (d: Buffer) => log(d.toString().trimEnd()));
  child.stderr?.on("data", (d: Buffer) => log(d.toString().trimEnd()));
  child.on("error", (error) => close(`could not start: ${error.message}`));
  child.on("exit", (code, signal) => close(signal ? `killed by ${signal}` : `exit code ${code ?? "?"}`));
  return {
    send(message: Message) {
      if (child.connected) child.send(message);
    },
    onMessage(listener) {
      child.on("message", (m) => listener(m as Message));
    },
    onClose(listener) {
      closeListeners.push(listener);
    },
    dispose() {
      if (child.exitCode === null && child.signalCode === null) child.kill();
    },
  };
}

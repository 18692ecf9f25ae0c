/**
 * The Shipshape language server for Node: `--stdio` for any LSP client, `--node-ipc` for VS Code's client.
 * The wiring is startServer.ts; this entry brings the Node connection, the disk and the yaml-language-server bundle.
 */
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { diskFs } from "./node/diskFs";
import { keepYoungGenerationSmall, releaseIdleMemory } from "./node/memory";
import { realPath } from "./node/realPath";
import { lazyYamlService } from "./node/yamlLoader";
import { startServer } from "./startServer";

const connection = createConnection(ProposedFeatures.all);
const log = (message: string) => connection.console.log(message);

// a bug in one request must not end the session; it is logged and the next request is served
process.on("uncaughtException", (error) => log(`uncaught: ${error.stack ?? String(error)}`));
process.on("unhandledRejection", (reason) => log(`unhandled rejection: ${String(reason)}`));

keepYoungGenerationSmall();
startServer(connection, { fs: diskFs, realPath, yaml: lazyYamlService, runtime: `node ${process.version}`, onIdle: releaseIdleMemory });

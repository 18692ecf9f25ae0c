import type { ClientCapabilities, Connection, TextDocuments } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { DockerfileService } from "./dockerfileService";
import type { DocumentStates } from "./documentState";
import type { LintService } from "./linting";
import type { SettingsStore } from "./settingsStore";
import type { YamlService } from "./yamlService";

/** Everything a handler needs; built once in server.ts. */
export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  /** Revisions of open documents and the drop of every per-document cache on close. */
  docStates: DocumentStates;
  settings: SettingsStore;
  linting: LintService;
  dockerfile: DockerfileService;
  /** yaml-language-server, loaded on first use (undefined when it failed to load). */
  yaml(): YamlService | undefined;
  log(message: string): void;
  capabilities: ClientCapabilities;
  /** Client-side commands the client said it has (initializationOptions.clientCommands). */
  clientCommands: Set<string>;
  /** Resolves symlinks (identity where the file system has none). */
  realPath(path: string): string;
}

/**
 * Loads dist/server/yamlService.js on first call. It is a separate bundle so that prettier, which
 * yaml-language-server imports at load, is not even parsed while the server starts.
 */
export function lazyYamlService(log: (message: string) => void, docStates: DocumentStates): () => YamlService | undefined {
  let service: YamlService | undefined;
  let failed = false;
  docStates.onForget("compose schema service", (uri) => service?.forget(uri));
  return () => {
    if (service || failed) return service;
    try {
      const started = Date.now();
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime path, kept out of the main bundle on purpose
      const mod = require(`${__dirname}/yamlService.js`) as typeof import("./yamlService");
      service = mod.createYamlService();
      log(`compose schema service loaded in ${Date.now() - started} ms`);
    } catch (error) {
      failed = true;
      log(`compose schema service unavailable: ${String(error)}`);
    }
    return service;
  };
}

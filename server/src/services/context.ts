import type { ClientCapabilities, Connection, TextDocuments } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { DockerfileService } from "./dockerfileService";
import type { DocumentStates } from "./documentState";
import type { LintService } from "./linting";
import type { SettingsStore } from "./settingsStore";
import type { YamlService } from "./yamlService";

/** Everything a handler needs; built once in startServer.ts. */
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
  /** `node v20…` or `browser`. */
  runtime: string;
}

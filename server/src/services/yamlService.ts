/**
 * yaml-language-server used in-process for compose hover and completion from the bundled compose-spec schema.
 * It is bundled on its own (dist/server/yamlService.js, ~800 KB: yaml-language-server and ajv; its prettier
 * formatter is left out, as formatting is off) and required on first use, off the server's start-up path.
 */
import type { CompletionList, Hover, Position } from "vscode-languageserver-types";
import { TextDocument } from "vscode-languageserver-textdocument";
import { yamlDocumentsCache } from "yaml-language-server/lib/esm/languageservice/parser/yaml-documents";
import { getLanguageService } from "yaml-language-server/lib/esm/languageservice/yamlLanguageService";
import composeSchema from "../../schemas/compose-spec.schema.json";
import { loneCrToLf } from "../engine/text";
import { schemaWindow } from "./composeWindow";

export const COMPOSE_SCHEMA_URI = "shipshape://schemas/compose-spec.schema.json";

/** Compose's own tags, so the parser keeps the tagged node instead of reporting an unknown tag. */
export const COMPOSE_CUSTOM_TAGS = [
  "!reset scalar",
  "!reset sequence",
  "!reset mapping",
  "!override scalar",
  "!override sequence",
  "!override mapping",
];

/**
 * yaml-language-server caches its parse of a document by URI and version. It is given a version per revision (see
 * DocumentStates) and window (composeWindow.ts), never the editor's version, so a document reopened at the same
 * version with other text is parsed again.
 */
export interface YamlService {
  hover(uri: string, revision: number, text: string, position: Position): Promise<Hover | null>;
  complete(uri: string, revision: number, text: string, position: Position): Promise<CompletionList>;
  /** Drops the cached parse of a closed document. */
  forget(uri: string): void;
}

/** `window: false` gives yaml-language-server the whole text (tests compare the two). */
export function createYamlService(options: { window?: boolean } = {}): YamlService {
  const ls = getLanguageService({
    // The schema is inline; anything else would be a network fetch, and Shipshape never makes one.
    schemaRequestService: (uri) =>
      uri === COMPOSE_SCHEMA_URI
        ? Promise.resolve(JSON.stringify(composeSchema))
        : Promise.reject(new Error(`Shipshape works offline and does not fetch ${uri}`)),
    workspaceContext: { resolveRelativePath: (relativePath, resource) => new URL(relativePath, resource).toString() },
  });
  ls.configure({
    // our compose/schema rule validates, with our ranges and messages
    validate: false,
    hover: true,
    completion: true,
    format: false,
    hoverSchemaSource: false,
    isKubernetes: false,
    customTags: COMPOSE_CUSTOM_TAGS,
    // the server hands only compose documents to this service, so every document gets the compose schema
    schemas: [{ uri: COMPOSE_SCHEMA_URI, fileMatch: ["*", "**/*"], schema: composeSchema, name: "Compose Specification" }],
  });
  // Its parse is cached per URI and version: each (revision, window) of a document gets a version of its own, and
  // asking again in the same window (the same service) reuses the parse.
  const windows = new Map<string, { revision: number; key: string; version: number }>();
  let nextVersion = 1;
  const doc = (uri: string, revision: number, text: string, position: Position) => {
    // a lone CR is a line break in YAML 1.2 but not for the `yaml` parser inside; the swap keeps every offset
    const whole = loneCrToLf(text);
    const window = options.window === false ? { text: whole, key: "whole" } : schemaWindow(whole, position.line);
    let seen = windows.get(uri);
    if (!seen || seen.revision !== revision || seen.key !== window.key) {
      seen = { revision, key: window.key, version: nextVersion++ };
      windows.set(uri, seen);
    }
    return TextDocument.create(uri, "dockercompose", seen.version, window.text);
  };
  return {
    hover: (uri, revision, text, position) => ls.doHover(doc(uri, revision, text, position), position),
    complete: (uri, revision, text, position) => ls.doComplete(doc(uri, revision, text, position), position, false),
    forget: (uri) => {
      windows.delete(uri);
      // the cache map is private in its typings; a missing field (another version) just leaves nothing to drop
      (yamlDocumentsCache as unknown as { cache?: Map<string, unknown> }).cache?.delete(uri);
    },
  };
}

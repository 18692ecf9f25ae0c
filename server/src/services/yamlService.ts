/**
 * yaml-language-server used in-process for compose hover and completion from the bundled compose-spec schema.
 * It is bundled on its own (dist/server/yamlService.js) and required on first use: it imports prettier at
 * module load (~600 KB), which must stay off the server's start-up path.
 */
import type { CompletionList, Hover, Position } from "vscode-languageserver-types";
import { TextDocument } from "vscode-languageserver-textdocument";
import { getLanguageService } from "yaml-language-server/lib/esm/languageservice/yamlLanguageService";
import composeSchema from "../../schemas/compose-spec.schema.json";

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

export interface YamlService {
  hover(uri: string, version: number, text: string, position: Position): Promise<Hover | null>;
  complete(uri: string, version: number, text: string, position: Position): Promise<CompletionList>;
}

export function createYamlService(): YamlService {
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
  const doc = (uri: string, version: number, text: string) => TextDocument.create(uri, "dockercompose", version, text);
  return {
    hover: (uri, version, text, position) => ls.doHover(doc(uri, version, text), position),
    complete: (uri, version, text, position) => ls.doComplete(doc(uri, version, text), position, false),
  };
}

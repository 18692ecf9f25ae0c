/**
 * dockerfile-language-service: completion, hover, formatting, symbols, folding, semantic tokens and the syntax
 * errors of dockerfile-utils. Its Docker Hub tag lookup is replaced at build time (scripts/build.mjs) so the
 * server never makes a network call.
 */
import type { DockerfileLanguageService, FormatterSettings } from "dockerfile-language-service";
import { validate, ValidationSeverity, type ValidatorSettings } from "dockerfile-utils";
import type {
  CodeAction,
  CodeActionContext,
  CompletionItem,
  Diagnostic,
  DocumentHighlight,
  DocumentLink,
  FoldingRange,
  Location,
  Hover,
  Position,
  Range,
  SemanticTokens,
  SemanticTokensLegend,
  SymbolInformation,
  TextEdit,
} from "vscode-languageserver-types";
import { shareDockerfileParses } from "../engine/model/dockerfileParse";

/**
 * dockerfile-language-service does not export its legend; this is its TokensLegend (dockerSemanticTokens.js),
 * in index order. test/lsp/semanticTokens.test.ts checks that the two agree.
 */
export const DOCKERFILE_SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = {
  tokenTypes: ["keyword", "comment", "parameter", "property", "namespace", "class", "macro", "string", "variable", "operator", "modifier"],
  tokenModifiers: ["declaration", "definition", "deprecated"],
};

/**
 * Every key, because a partial object replaces all of dockerfile-utils' defaults. The style checks are
 * ignored: Shipshape's own rules cover them (with fixes, suppressions and settings), so only true syntax
 * errors (unknown instruction, missing arguments, bad flags) come from dockerfile-utils.
 */
export const DOCKERFILE_VALIDATOR_SETTINGS: Required<ValidatorSettings> = {
  deprecatedMaintainer: ValidationSeverity.IGNORE,
  directiveCasing: ValidationSeverity.IGNORE,
  emptyContinuationLine: ValidationSeverity.IGNORE,
  instructionCasing: ValidationSeverity.IGNORE,
  instructionCmdMultiple: ValidationSeverity.IGNORE,
  instructionEntrypointMultiple: ValidationSeverity.IGNORE,
  instructionHealthcheckMultiple: ValidationSeverity.IGNORE,
  instructionJSONInSingleQuotes: ValidationSeverity.IGNORE,
  instructionWorkdirRelative: ValidationSeverity.IGNORE,
};

export interface DockerfileService {
  validate(text: string): Diagnostic[];
  hover(text: string, position: Position): Hover | null;
  complete(text: string, position: Position): Promise<CompletionItem[]>;
  resolveCompletion(item: CompletionItem): CompletionItem;
  format(text: string, options: FormatterSettings, range?: Range): TextEdit[];
  symbols(uri: string, text: string): SymbolInformation[];
  folding(text: string): FoldingRange[];
  semanticTokens(text: string): SemanticTokens;
  /** Stage names, ARG and ENV variables: where defined, every use in the file, rename. */
  definition(uri: string, text: string, position: Position): Location | null;
  highlights(text: string, position: Position): DocumentHighlight[];
  prepareRename(text: string, position: Position): Range | null;
  rename(uri: string, text: string, position: Position, newName: string): TextEdit[];
  /** Image names in FROM as links to their registry page (an address only). */
  links(text: string): DocumentLink[];
  /** Its quick fixes for dockerfile-utils diagnostics, as edits (it returns commands; we resolve them here). */
  codeActions(uri: string, text: string, range: Range, context: CodeActionContext): CodeAction[];
}

export function createDockerfileService(log: (message: string) => void): DockerfileService {
  // the validator and every request below reuse the lint's parse of the same text instead of parsing again
  shareDockerfileParses();
  // The service is loaded on first use: the first diagnostics only need dockerfile-utils.
  let service: DockerfileLanguageService | undefined;
  const ls = (): DockerfileLanguageService => {
    if (service) return service;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred so start-up does not evaluate it
    const { DockerfileLanguageServiceFactory } = require("dockerfile-language-service") as typeof import("dockerfile-language-service");
    service = DockerfileLanguageServiceFactory.createLanguageService();
    service.setLogger({ log });
    service.setCapabilities({
      completion: { completionItem: { snippetSupport: true, documentationFormat: ["markdown", "plaintext"], deprecatedSupport: true } },
      hover: { contentFormat: ["markdown", "plaintext"] },
      foldingRange: { lineFoldingOnly: false },
    });
    return service;
  };
  return {
    // the same call the service's validate() makes
    validate: (text) => validate(text, DOCKERFILE_VALIDATOR_SETTINGS),
    hover: (text, position) => ls().computeHover(text, position),
    complete: async (text, position) => await ls().computeCompletionItems(text, position),
    resolveCompletion: (item) => ls().resolveCompletionItem(item),
    format: (text, options, range) => (range ? ls().formatRange(text, range, options) : ls().format(text, options)),
    symbols: (uri, text) => ls().computeSymbols({ uri }, text),
    folding: (text) => ls().computeFoldingRanges(text),
    semanticTokens: (text) => ls().computeSemanticTokens(text),
    definition: (uri, text, position) => ls().computeDefinition({ uri }, text, position) ?? null,
    highlights: (text, position) => ls().computeHighlightRanges(text, position),
    prepareRename: (text, position) => ls().prepareRename(text, position),
    rename: (uri, text, position, newName) => ls().computeRename({ uri }, text, position, newName),
    links: (text) =>
      ls()
        .computeLinks(text)
        .map((l) => (l.target ? l : ls().resolveLink(l))),
    codeActions(uri, text, range, context) {
      const out: CodeAction[] = [];
      for (const diagnostic of context.diagnostics) {
        if (diagnostic.source !== "dockerfile-utils") continue;
        // one copy at a time: the service rewrites `code` in place and does not say which diagnostic a command is for
        const copy: Diagnostic = { ...diagnostic };
        const only = { ...context, diagnostics: [copy] } as Parameters<DockerfileLanguageService["computeCodeActions"]>[2];
        for (const command of ls().computeCodeActions({ uri }, range, only)) {
          const edits = ls().computeCommandEdits(text, command.command, command.arguments ?? []);
          if (edits.length === 0) continue;
          out.push({ title: command.title, kind: "quickfix", diagnostics: [diagnostic], edit: { changes: { [uri]: edits } } });
        }
      }
      return out;
    },
  };
}

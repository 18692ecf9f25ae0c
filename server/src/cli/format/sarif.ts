import { ruleDocUrl } from "../../engine/docs";
import { ENCODING_RULE_ID } from "../../engine/encoding";
import { LINE_BREAKS_RULE_ID } from "../../engine/lineBreaks";
import { SKIPPED_FILE_RULE_ID } from "../../engine/linter";
import type { AnyRule } from "../../engine/rule";
import type { Severity, SeverityOrOff } from "../../engine/types";
import { unreadableMessage, type DisplayFinding, type DisplayUnreadable } from "./display";

/** The parts of SARIF 2.1.0 we write (GitHub code scanning reads these). */
type SarifLevel = "error" | "warning" | "note" | "none";

export interface SarifReportingDescriptor {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel; enabled: boolean };
  properties: { tags: string[]; precision: string; "security-severity"?: string };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId: string };
      region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
    };
  }[];
}

export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: {
    tool: { driver: { name: string; version: string; semanticVersion: string; informationUri: string; rules: SarifReportingDescriptor[] } };
    originalUriBaseIds: Record<string, { description: { text: string } }>;
    columnKind: "utf16CodeUnits";
    results: SarifResult[];
    /** Present when some path could not be read: one error notification per path. */
    invocations?: SarifInvocation[];
  }[];
}

export interface SarifInvocation {
  executionSuccessful: boolean;
  toolExecutionNotifications: {
    level: "error";
    message: { text: string };
    locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }[];
  }[];
}

export const SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const INFORMATION_URI = "https://github.com/shipshape-lint/shipshape";

export function sarifLevel(severity: SeverityOrOff): SarifLevel {
  if (severity === "error") return "error";
  if (severity === "warning") return "warning";
  if (severity === "off") return "none";
  return "note";
}

/** GitHub ranks security alerts by this CVSS-like score. */
function securitySeverity(severity: SeverityOrOff): string {
  return severity === "error" ? "8.0" : severity === "warning" ? "5.5" : "3.0";
}

function descriptor(rule: AnyRule): SarifReportingDescriptor {
  const m = rule.meta;
  const example = m.examples[0];
  const lang = m.kind === "compose" ? "yaml" : m.kind === "dockerfile" ? "dockerfile" : "gitignore";
  const markdown = [m.summary, "", m.rationale];
  if (example)
    markdown.push("", "Instead of:", "```" + lang, example.bad.trimEnd(), "```", "write:", "```" + lang, example.good.trimEnd(), "```");
  if (m.equivalents.length) markdown.push("", `Covers: ${m.equivalents.map((e) => "`" + e + "`").join(", ")}`);
  return {
    id: m.id,
    name: m.id.replace(/^[a-z]+\//, "").replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase()),
    shortDescription: { text: m.summary },
    fullDescription: { text: `${m.summary} ${plain(m.rationale)}` },
    help: { text: `${m.summary}\n\n${plain(m.rationale)}\n\n${ruleDocUrl(m.id)}`, markdown: markdown.join("\n") },
    helpUri: ruleDocUrl(m.id),
    defaultConfiguration: { level: sarifLevel(m.defaultSeverity), enabled: m.defaultSeverity !== "off" },
    properties: {
      tags: [m.category, m.kind, ...(m.category === "security" ? ["security"] : [])].filter((t, i, a) => a.indexOf(t) === i),
      precision: "high",
      ...(m.category === "security" ? { "security-severity": securitySeverity(m.defaultSeverity) } : {}),
    },
  };
}

const SKIPPED_DESCRIPTOR: SarifReportingDescriptor = {
  id: SKIPPED_FILE_RULE_ID,
  name: "fileSkipped",
  shortDescription: { text: "Shipshape did not check a file (too large, binary, or unreadable)." },
  fullDescription: { text: "Shipshape skips files it cannot check meaningfully and says so, instead of failing or hanging." },
  help: {
    text: "The file was not checked. Files over the size limit, binary files and files that are not UTF-8 text are skipped.",
    markdown: "The file was not checked. Files over the size limit, binary files and files that are not UTF-8 text are skipped.",
  },
  defaultConfiguration: { level: "note", enabled: true },
  properties: { tags: ["reliability"], precision: "high" },
};

const ENCODING_DESCRIPTOR: SarifReportingDescriptor = {
  id: ENCODING_RULE_ID,
  name: "fileEncoding",
  shortDescription: { text: "A file Docker or Compose cannot read because of its encoding (UTF-16)." },
  fullDescription: {
    text: "Docker reads Dockerfiles, compose files, .env and .dockerignore files as UTF-8; a file saved as UTF-16 makes the build or docker compose fail.",
  },
  help: {
    text: "Save the file as UTF-8 (VS Code: the encoding in the status bar, Save with Encoding, UTF-8; PowerShell: Set-Content -Encoding utf8).",
    markdown:
      "Save the file as UTF-8 (VS Code: the encoding in the status bar, **Save with Encoding**, UTF-8; PowerShell: `Set-Content -Encoding utf8`).",
  },
  defaultConfiguration: { level: "error", enabled: true },
  properties: { tags: ["reliability"], precision: "high" },
};

const LINE_BREAKS_DESCRIPTOR: SarifReportingDescriptor = {
  id: LINE_BREAKS_RULE_ID,
  name: "lineBreaks",
  shortDescription: { text: "A Dockerfile that breaks lines with a lone CR, which Docker does not count as a line break." },
  fullDescription: {
    text: "Docker splits Dockerfile lines only at LF (CRLF counts as LF); around a lone CR the instructions run together and the build fails.",
  },
  help: {
    text: "Save the Dockerfile with LF (or CRLF) line breaks.",
    markdown: "Save the Dockerfile with LF (or CRLF) line breaks.",
  },
  defaultConfiguration: { level: "error", enabled: true },
  properties: { tags: ["reliability", "dockerfile"], precision: "high" },
};

/** Markdown emphasis and code ticks out, for the plain-text fields. */
function plain(markdown: string): string {
  return markdown.replace(/`([^`]*)`/g, "$1").replace(/\*\*([^*]*)\*\*/g, "$1");
}

/** A SARIF 2.1.0 log with every rule of the registry as `tool.driver.rules` and one result per finding. */
export function formatSarif(
  findings: readonly DisplayFinding[],
  rules: readonly AnyRule[],
  version: string,
  unreadable: readonly DisplayUnreadable[] = [],
): string {
  const descriptors = rules.map(descriptor);
  if (findings.some((f) => f.ruleId === SKIPPED_FILE_RULE_ID)) descriptors.push(SKIPPED_DESCRIPTOR);
  if (findings.some((f) => f.ruleId === ENCODING_RULE_ID)) descriptors.push(ENCODING_DESCRIPTOR);
  if (findings.some((f) => f.ruleId === LINE_BREAKS_RULE_ID)) descriptors.push(LINE_BREAKS_DESCRIPTOR);
  const indexOf = new Map(descriptors.map((d, i) => [d.id, i]));
  const results: SarifResult[] = [];
  for (const f of findings) {
    const ruleIndex = indexOf.get(f.ruleId);
    if (ruleIndex === undefined) continue;
    results.push({
      ruleId: f.ruleId,
      ruleIndex,
      level: sarifLevel(f.severity satisfies Severity),
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeUri(f.file), uriBaseId: "%SRCROOT%" },
            region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
          },
        },
      ],
    });
  }
  const log: SarifLog = {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "Shipshape", version, semanticVersion: version, informationUri: INFORMATION_URI, rules: descriptors } },
        originalUriBaseIds: { "%SRCROOT%": { description: { text: "The folder shipshape was run from (the repository root in CI)." } } },
        columnKind: "utf16CodeUnits",
        results,
        // paths that could not be read are not results about code: they say the run was incomplete
        ...(unreadable.length
          ? {
              invocations: [
                {
                  executionSuccessful: false,
                  toolExecutionNotifications: unreadable.map((u) => ({
                    level: "error" as const,
                    message: { text: unreadableMessage(u) },
                    locations: [{ physicalLocation: { artifactLocation: { uri: encodeUri(u.file), uriBaseId: "%SRCROOT%" } } }],
                  })),
                },
              ],
            }
          : {}),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
}

/** A relative URI reference: each path segment percent-encoded, `/` kept. */
function encodeUri(relPath: string): string {
  return relPath
    .split("/")
    .map((s) => encodeURIComponent(s))
    .join("/");
}

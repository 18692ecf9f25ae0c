import { labelsOf, LABEL_FORMATS, matchesFormat, type LabelFormat } from "../../analysis/labels";
import { dockerfileRule } from "../../rule";

const OCI_SCHEMA: Record<string, LabelFormat> = {
  "org.opencontainers.image.created": "rfc3339",
  "org.opencontainers.image.url": "url",
  "org.opencontainers.image.source": "url",
  "org.opencontainers.image.documentation": "url",
  "org.opencontainers.image.licenses": "spdx",
};

const FORMAT_NAMES: Record<LabelFormat, string> = {
  text: "text",
  url: "a URL",
  rfc3339: "an RFC 3339 timestamp",
  spdx: "an SPDX license expression",
  hash: "a git commit hash (7 or 40 hex digits)",
  semver: "a semantic version",
  email: "an e-mail address",
};

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/label-value-format",
    category: "maintainability",
    defaultSeverity: "warning",
    fixable: false,
    summary: "Label values match the format their key promises (URL, RFC 3339 time, SPDX license, git hash, semver, e-mail).",
    rationale:
      "Registries, scanners and provenance tools parse well-known labels: they link `org.opencontainers.image.source`, sort by `…created`, and match `…licenses` against policies. A value in the wrong shape is silently ignored or, worse, misread. By default the OCI keys are checked; the `schema` option adds your own keys and their formats (`text`, `url`, `rfc3339`, `spdx`, `hash`, `semver`, `email`), and any key in the schema must not be empty. SPDX values are checked for the shape of the expression, not against the full license list.",
    examples: [
      {
        bad: 'FROM python:3.13-slim\nLABEL org.opencontainers.image.created="last tuesday"\n',
        good: 'FROM python:3.13-slim\nLABEL org.opencontainers.image.created="2025-01-31T12:00:00Z"\n',
      },
    ],
    equivalents: [
      "hadolint:DL3051",
      "hadolint:DL3052",
      "hadolint:DL3053",
      "hadolint:DL3054",
      "hadolint:DL3055",
      "hadolint:DL3056",
      "hadolint:DL3058",
    ],
    messages: {
      empty: "Label `{{key}}` is empty.",
      badFormat: "Label `{{key}}` should be {{format}}.",
    },
    options: {
      schema: {
        description: `Label keys and the format of their values, one of ${LABEL_FORMATS.join(", ")}; merged over the OCI defaults.`,
        type: "record",
        default: OCI_SCHEMA,
      },
    },
    practice: "hadolint DL3051-DL3058 (label schema)",
  },
  check({ dockerfile, report, options }) {
    const configured = (options.schema ?? {}) as Record<string, unknown>;
    const schema: Record<string, LabelFormat> = { ...OCI_SCHEMA };
    for (const [k, v] of Object.entries(configured)) if (LABEL_FORMATS.includes(v as LabelFormat)) schema[k] = v as LabelFormat;
    for (const ins of dockerfile.instructions) {
      for (const label of labelsOf(ins)) {
        const format = schema[label.key];
        if (format === undefined) continue;
        const range = label.valueRange ?? label.keyRange;
        if (label.value === "") report({ messageId: "empty", range: label.keyRange, data: { key: label.key } });
        else if (!matchesFormat(label.value, format))
          report({ messageId: "badFormat", range, data: { key: label.key, format: FORMAT_NAMES[format] } });
      }
    }
  },
});

import { serviceEnvironment } from "../../analysis/compose";
import { isPlainMap, type PlainMap } from "../../model/composeMerge";
import { composeRule } from "../../rule";

export const rule = composeRule({
  meta: {
    id: "compose/env-and-file-variant",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: false,
    summary: "Do not give one service both `X` and `X_FILE` (e.g. `POSTGRES_PASSWORD` and `POSTGRES_PASSWORD_FILE`).",
    rationale:
      "Images that read a setting from a file (`*_FILE`, the Docker secrets convention) treat the two variables as alternatives: the official postgres, mysql, mariadb and mongo entrypoints stop with an error when both are set, so the container never starts. " +
      "Other images silently prefer one of them, and which one is not obvious from the compose file. " +
      "Keep the `_FILE` variable with a secret, and remove the plain one (it is often left over from before the secret was introduced, or set by an override file or an `extends`d service). " +
      "The check looks at the merged service: every file of the project and what `extends` brings in.",
    examples: [
      {
        fileName: "compose.yml",
        bad: "services:\n  db:\n    image: postgres:17.2\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n      POSTGRES_PASSWORD_FILE: /run/secrets/pg_password\n    secrets:\n      - pg_password\nsecrets:\n  pg_password:\n    file: ./secrets/pg_password.txt\n",
        good: "services:\n  db:\n    image: postgres:17.2\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/pg_password\n    secrets:\n      - pg_password\nsecrets:\n  pg_password:\n    file: ./secrets/pg_password.txt\n",
      },
    ],
    equivalents: [],
    messages: {
      both: "`{{name}}` and `{{file}}` are both set for service `{{service}}`; images such as postgres refuse to start. Keep one.",
    },
    practice: "000 (Environment variables and secrets), 002 (secrets with _FILE)",
  },
  check({ compose, project, report }) {
    for (const svc of compose.services) {
      if (!svc.node) continue;
      // the merged service only when a `_FILE` variable is written here (merging every service showed in profiles)
      let env: PlainMap | undefined;
      // a variable listed without a value is taken from the shell running compose: maybe unset, so not counted
      const isSet = (n: string) => {
        if (!env) {
          const merged = project.mergedIn(svc.name, ["environment"]);
          env = isPlainMap(merged) ? merged : {};
        }
        return n in env && env[n] !== null && env[n] !== "";
      };
      for (const e of serviceEnvironment(compose, svc)) {
        const base = e.name.endsWith("__FILE") ? e.name.slice(0, -6) : e.name.endsWith("_FILE") ? e.name.slice(0, -5) : undefined;
        if (!base || !isSet(e.name) || !isSet(base)) continue;
        report({ messageId: "both", range: e.nameRange, data: { name: base, file: e.name, service: svc.name } });
      }
    }
  },
});

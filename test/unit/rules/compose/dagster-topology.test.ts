import { rule } from "../../../../server/src/engine/rules/compose/dagster-topology";
import { testRule } from "../../helpers/ruleTester";

const WORKSPACE = "load_from:\n  - grpc_server:\n      host: dagster-user-code\n      port: 4000\n      location_name: pipeline\n";
const DAGSTER_YAML =
  "storage:\n  postgres:\n    postgres_db:\n      hostname: postgres\n      username:\n        env: DAGSTER_PG_USER\n      password:\n        env: DAGSTER_PG_PASSWORD\n      db_name: dagster\n";
const FILES = { "dagster_home/workspace.yaml": WORKSPACE, "dagster_home/dagster.yaml": DAGSTER_YAML };

/** The practice's pattern (004 Dagster Multi-Container Pattern), completed with Postgres. */
const GOOD = `x-dagster-common: &dagster-common
  image: ghcr.io/acme/dagster:1.8.0
  environment:
    DAGSTER_HOME: /opt/dagster/dagster_home
    DAGSTER_PG_USER: \${DAGSTER_PG_USER}
    DAGSTER_PG_PASSWORD: \${DAGSTER_PG_PASSWORD}
  volumes:
    - ./dagster_home/dagster.yaml:/opt/dagster/dagster_home/dagster.yaml:ro
    - ./dagster_home/workspace.yaml:/opt/dagster/dagster_home/workspace.yaml:ro

services:
  postgres:
    image: postgres:16.4-alpine
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U dagster"]

  dagster-user-code:
    image: ghcr.io/acme/pipeline:1.2.0
    entrypoint: ["dagster", "api", "grpc", "-h", "0.0.0.0", "-p", "4000", "-m", "pipeline.definitions"]
    healthcheck:
      test: ["CMD", "dagster", "api", "grpc-health-check", "-p", "4000"]

  dagster-webserver:
    <<: *dagster-common
    entrypoint: ["dagster-webserver", "-h", "0.0.0.0", "-p", "3000", "-w", "workspace.yaml"]
    depends_on:
      postgres:
        condition: service_healthy
      dagster-user-code:
        condition: service_healthy

  dagster-daemon:
    <<: *dagster-common
    entrypoint: ["dagster-daemon", "run"]
    depends_on:
      postgres:
        condition: service_healthy
      dagster-user-code:
        condition: service_healthy
`;

testRule(rule, {
  valid: [
    { name: "the practice's pattern", code: GOOD, files: FILES },
    { name: "not a Dagster project", code: "services:\n  api:\n    image: acme/api:1.0\n" },
    {
      name: "dev all-in-one",
      code: 'services:\n  dagster:\n    build: .\n    command: dagster dev -h 0.0.0.0 -p 3000 -m "$DAGSTER_MODULE"\n',
    },
    {
      name: "multi-file: depends_on added in the override",
      files: {
        ...FILES,
        "compose.override.yml":
          "services:\n  dagster-daemon:\n    depends_on:\n      dagster-user-code:\n        condition: service_healthy\n      postgres:\n        condition: service_healthy\n",
      },
      code: GOOD.replace(
        / {2}dagster-daemon:\n[\s\S]*$/,
        '  dagster-daemon:\n    <<: *dagster-common\n    entrypoint: ["dagster-daemon", "run"]\n',
      ),
    },
  ],
  invalid: [
    {
      name: "daemon does not wait for the code server",
      files: FILES,
      code: GOOD.replace("  dagster-daemon:", "  «dagster-daemon»:").replace(
        /(entrypoint: \["dagster-daemon", "run"\]\n {4}depends_on:\n {6}postgres:\n {8}condition: service_healthy\n) {6}dagster-user-code:\n {8}condition: service_healthy\n/,
        "$1",
      ),
      errors: [{ messageId: "missingCodeDependency" }],
      output: GOOD,
    },
    {
      name: "no depends_on at all: code server and Postgres",
      files: FILES,
      code: GOOD.replace(/(entrypoint: \["dagster-daemon", "run"\]\n)[\s\S]*$/, "$1"),
      errors: [
        { messageId: "missingCodeDependency", line: 32 },
        { messageId: "missingPostgresDependency", line: 32 },
      ],
    },
    {
      name: "workspace.yaml port does not match the code server",
      files: { ...FILES, "dagster_home/workspace.yaml": WORKSPACE.replace("4000", "4001") },
      code: GOOD.replace("  dagster-user-code:", "  «dagster-user-code»:"),
      errors: [{ messageId: "workspacePort" }],
      outputFiles: { "dagster_home/workspace.yaml": WORKSPACE },
    },
    {
      name: "workspace.yaml names an unknown host",
      files: { ...FILES, "dagster_home/workspace.yaml": WORKSPACE.replace("host: dagster-user-code", "host: user_code") },
      code: GOOD,
      errors: [{ messageId: "workspaceHost", line: 9 }],
    },
    {
      name: "SQLite run storage",
      files: { ...FILES, "dagster_home/dagster.yaml": "run_storage:\n  module: dagster.core.storage.runs\n  class: SqliteRunStorage\n" },
      code: GOOD,
      errors: [{ messageId: "sqliteStorage", line: 8 }],
    },
    {
      name: "literal password in dagster.yaml",
      files: {
        ...FILES,
        "dagster_home/dagster.yaml": DAGSTER_YAML.replace("password:\n        env: DAGSTER_PG_PASSWORD", "password: hunter2"),
      },
      code: GOOD,
      errors: [{ messageId: "inlinePassword", line: 8 }],
    },
    {
      name: "different DAGSTER_HOME",
      files: FILES,
      code: GOOD.replace(
        '    entrypoint: ["dagster-daemon", "run"]\n',
        '    entrypoint: ["dagster-daemon", "run"]\n    environment:\n      DAGSTER_HOME: /opt/dagster/home\n',
      ),
      errors: [
        { messageId: "configNotInHome", line: 8 },
        { messageId: "dagsterHome", line: 36, column: 21 },
      ],
    },
    {
      name: "the daemon does not get dagster.yaml and workspace.yaml",
      files: FILES,
      code: GOOD.replace(
        "  dagster-daemon:\n    <<: *dagster-common\n",
        "  «dagster-daemon»:\n    image: ghcr.io/acme/dagster:1.8.0\n    environment:\n      DAGSTER_HOME: /opt/dagster/dagster_home\n",
      ),
      errors: [{ messageId: "configMissing" }, { messageId: "configMissing" }],
    },
    {
      name: "code server healthcheck is not a gRPC probe",
      files: FILES,
      code: GOOD.replace('test: ["CMD", "dagster", "api", "grpc-health-check", "-p", "4000"]', 'test: «["CMD", "true"]»'),
      errors: [{ messageId: "codeHealthcheck" }],
    },
  ],
});

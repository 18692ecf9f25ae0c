import { rule } from "../../../../server/src/engine/rules/compose/dev-settings-in-base-file";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    {
      name: "a stack that only runs such a tool deploys it",
      code: "services:\n  portainer:\n    image: portainer/portainer-ce:2.21.0\n    ports:\n      - 127.0.0.1:9443:9443\n",
    },
    "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./nginx/default.conf:/etc/nginx/conf.d/default.conf:ro\n      - static:/usr/share/nginx/html\nvolumes:\n  static: {}\n",
    {
      name: "the override is where they belong",
      fileName: "compose.override.yml",
      code: "services:\n  api:\n    command: uvicorn app.main:app --reload\n    volumes:\n      - ./:/app:ro\n",
    },
    {
      name: "compose-dev.yml",
      fileName: "compose-dev.yml",
      code: "services:\n  api:\n    build:\n      context: .\n      dockerfile: Dockerfile.dev\n    volumes: [.:/app]\n",
    },
    { name: "helper behind a profile", code: "services:\n  pgadmin:\n    image: dpage/pgadmin4:8.10\n    profiles: [tools]\n" },
  ],
  invalid: [
    {
      name: "a helper beside the application",
      code: "services:\n  app:\n    image: ghcr.io/acme/app:1.2.0\n  «pgadmin»:\n    image: dpage/pgadmin4:8.10\n",
      errors: [{ messageId: "helper" }],
    },
    {
      name: "reload and source mount move to a new compose.override.yml",
      code: "services:\n  api:\n    image: acme/api:1.0\n    command: «uvicorn app.main:app --reload --host 0.0.0.0»\n    volumes:\n      - ./:/app:ro\n      - data:/data\n    restart: unless-stopped\nvolumes:\n  data: {}\n",
      errors: [{ messageId: "reload" }, { messageId: "sourceMount", line: 6 }],
      output:
        "services:\n  api:\n    image: acme/api:1.0\n    volumes:\n      - data:/data\n    restart: unless-stopped\nvolumes:\n  data: {}\n",
      outputFiles: {
        "compose.override.yml":
          "services:\n  api:\n    volumes:\n      - ./:/app:ro\n    command: uvicorn app.main:app --reload --host 0.0.0.0\n",
      },
    },
    {
      name: "dev Dockerfile, into an existing override",
      files: { "compose.override.yml": 'services:\n  db:\n    ports: ["127.0.0.1:5432:5432"]\n' },
      code: "services:\n  app:\n    build:\n      context: .\n      dockerfile: «Dockerfile.dev»\n",
      errors: [{ messageId: "devDockerfile" }],
      output: "services:\n  app:\n    build:\n      context: .\n",
      outputFiles: {
        "compose.override.yml":
          'services:\n  db:\n    ports: ["127.0.0.1:5432:5432"]\n  app:\n    build:\n      dockerfile: Dockerfile.dev\n',
      },
    },
    {
      name: "helper service moves as a whole",
      code: 'services:\n  api:\n    image: acme/api:1.0\n  «mailhog»:\n    image: mailhog/mailhog:v1.0.1\n    ports: ["8025:8025"]\n',
      errors: [{ messageId: "helper" }],
      output: "services:\n  api:\n    image: acme/api:1.0\n",
      outputFiles: { "compose.override.yml": 'services:\n  mailhog:\n    image: mailhog/mailhog:v1.0.1\n    ports: ["8025:8025"]\n' },
    },
    {
      name: "debugger and DEBUG env",
      code: 'services:\n  api:\n    image: acme/api:1.0\n    command: ["python", "-m", «"debugpy"», "--listen", "5678", "app"]\n    environment:\n      DEBUG: "true"\n',
      errors: [{ messageId: "debugger" }, { messageId: "debugEnv", line: 6 }],
    },
  ],
});

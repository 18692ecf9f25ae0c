import { rule } from "../../../../server/src/engine/rules/compose/no-literal-secrets";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    {
      name: "names that say what a secret grants or where it is checked, not the secret",
      code: "services:\n  grafana:\n    image: grafana/grafana:11.2.0\n    environment:\n      - GF_AUTH_ANONYMOUS_ORG_ROLE=Admin\n      - OAUTH_SCOPES=openid profile\n      - JWT_ISSUER=https://auth.example.com\n      - AUTH_KEY_SIZE=4096\n",
    },
    {
      name: "a true/false switch under a secret-sounding name is a setting, not a secret",
      code: "services:\n  grafana:\n    image: grafana/grafana:11.2.0\n    environment:\n      - GF_AUTH_DISABLE_LOGIN_FORM=true\n      - APP_SECRET_ROTATION='off'\n",
    },
    "services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n      POSTGRES_USER: dev\n",
    {
      name: "_FILE convention",
      code: "services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/pg_password\n",
    },
    {
      name: "grafana __FILE",
      code: "services:\n  g:\n    image: grafana/grafana-oss:11.1.0\n    environment:\n      - GF_SECURITY_ADMIN_PASSWORD__FILE=/run/secrets/grafana_admin_password\n",
    },
    {
      name: "URL with interpolated password",
      code: "services:\n  api:\n    image: acme/api:1.0\n    environment:\n      DATABASE_URL: postgresql://dev:${DB_PASSWORD}@db/app\n",
    },
    {
      name: "healthcheck without password",
      code: 'services:\n  db:\n    image: mysql:8.4\n    healthcheck:\n      test: ["CMD-SHELL", "mysqladmin ping -h 127.0.0.1 --silent"]\n',
    },
    {
      name: "shared name table: allow words and public look-alikes",
      code: "services:\n  api:\n    image: acme/api:1.0\n    environment:\n      - PUBLIC_KEY=ssh-ed25519-AAAA\n      - AUTH_MODULE_VERSION=2\n      - PASSWORD_MIN_LENGTH=12\n      - GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\n      - PWD=/srv\n",
    },
    {
      name: "random-looking values under digest or id names, hex digests, paths",
      code: "services:\n  api:\n    image: acme/api:1.0\n    environment:\n      GIT_SHA: 9fceb02d0ae598e95dc970b74767f19372d61af8\n      BUILD_ID: q8Zt3LmV9pR2xW7kN4bH6cJ1yF5dS0aE\n      CHECKSUM: Zm9vYmFyYmF6cXV4cXV1eDEyMzQ1Njc4OTA\n      STATIC_ROOT: /srv/app/static/assets/build\n      GREETING: Hello World from Compose Service\n",
    },
    { name: "empty value", code: "services:\n  api:\n    image: acme/api:1.0\n    environment:\n      - API_TOKEN\n      - SECRET_KEY=\n" },
  ],
  invalid: [
    {
      name: "a role-like name is still a secret when its last word is one",
      code: "services:\n  app:\n    image: example/app:1.0\n    environment:\n      - ROLE_PASSWORD=«hunter2»\n",
      errors: [{ messageId: "literal" }],
    },
    {
      name: "a password that merely starts like a switch",
      code: "services:\n  app:\n    image: acme/app:1.0\n    environment:\n      - APP_PASSWORD=«trueblue»\n",
      errors: [{ messageId: "literal" }],
    },
    {
      name: "shared name table: SSH_KEY, DEPLOY_KEY, *_PWORD, JWT_SIGNING_KEY (list form)",
      code: "services:\n  api:\n    image: acme/api:1.0\n    environment:\n      - SSH_KEY=«abc»\n      - DEPLOY_KEY=def\n      - DB_PWORD=ghi\n      - JWT_SIGNING_KEY=jkl\n",
      errors: [{ messageId: "literal" }, { messageId: "literal" }, { messageId: "literal" }, { messageId: "literal" }],
    },
    {
      name: "a known token format under a harmless name",
      code: "services:\n  ci:\n    image: acme/ci:1.0\n    environment:\n      GH_READ: «ghp_0123456789abcdefghijABCDEFGHIJ012345»\n",
      errors: [{ messageId: "tokenValue" }],
      output: "services:\n  ci:\n    image: acme/ci:1.0\n    environment:\n      GH_READ: ${GH_READ}\n",
    },
    {
      name: "a long random value (list form)",
      code: "services:\n  api:\n    image: acme/api:1.0\n    environment:\n      - SIGNING=«q8Zt3LmV9pR2xW7kN4bH6cJ1yF5dS0aE»\n",
      errors: [{ messageId: "randomValue" }],
    },
    {
      name: "map form, fix to ${VAR} and create .env.example",
      code: "services:\n  db:\n    image: postgres:16.2-alpine\n    environment:\n      POSTGRES_USER: dev\n      POSTGRES_PASSWORD: «devpass»\n",
      errors: [{ messageId: "literal" }],
      output:
        "services:\n  db:\n    image: postgres:16.2-alpine\n    environment:\n      POSTGRES_USER: dev\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n",
      outputFiles: {
        ".env.example":
          "# Variables the compose files need; copy to .env and fill in the values (never commit .env).\nPOSTGRES_PASSWORD=\n",
      },
    },
    {
      name: "list form, appends to an existing .env.example",
      code: "services:\n  db:\n    image: postgres:15-alpine\n    environment:\n      - POSTGRES_USER=postgres\n      - POSTGRES_PASSWORD=«password»\n",
      files: { ".env.example": "POSTGRES_USER=" },
      errors: [{ messageId: "literal" }],
      output:
        "services:\n  db:\n    image: postgres:15-alpine\n    environment:\n      - POSTGRES_USER=postgres\n      - POSTGRES_PASSWORD=${POSTGRES_PASSWORD}\n",
      outputFiles: { ".env.example": "POSTGRES_USER=\nPOSTGRES_PASSWORD=\n" },
    },
    {
      name: "second fix: a Compose secret with the _FILE convention",
      code: "services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_PASSWORD: «devpass»\n    restart: always\n",
      fixIndex: 1,
      errors: [{ messageId: "literal" }],
      output:
        "services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_postgres_password\n    restart: always\n    secrets:\n      - db_postgres_password\n\nsecrets:\n  db_postgres_password:\n    file: ./secrets/db_postgres_password.txt\n",
      outputFiles: { "secrets/db_postgres_password.txt": "devpass\n", ".gitignore": "secrets/\n" },
    },
    {
      name: "_FILE fix with existing secrets sections",
      code: "services:\n  db:\n    image: mysql:8.4\n    environment:\n      MYSQL_ROOT_PASSWORD: «root»\n    secrets:\n      - other\nsecrets:\n  other:\n    file: ./other.txt\n",
      files: { ".gitignore": "secrets/\n" },
      fixIndex: 1,
      errors: [{ messageId: "literal" }],
      output:
        "services:\n  db:\n    image: mysql:8.4\n    environment:\n      MYSQL_ROOT_PASSWORD_FILE: /run/secrets/db_mysql_root_password\n    secrets:\n      - other\n      - db_mysql_root_password\nsecrets:\n  other:\n    file: ./other.txt\n  db_mysql_root_password:\n    file: ./secrets/db_mysql_root_password.txt\n",
      outputFiles: { "secrets/db_mysql_root_password.txt": "root\n", ".gitignore": "secrets/\n" },
    },
    {
      name: "password inside a URL",
      code: "services:\n  app:\n    build: .\n    environment:\n      - DATABASE_URL=postgresql://postgres:«password»@db:5432/stockbook\n",
      errors: [{ messageId: "urlPassword" }],
      output:
        "services:\n  app:\n    build: .\n    environment:\n      - DATABASE_URL=postgresql://postgres:${DATABASE_PASSWORD}@db:5432/stockbook\n",
      outputFiles: {
        ".env.example":
          "# Variables the compose files need; copy to .env and fill in the values (never commit .env).\nDATABASE_PASSWORD=\n",
      },
    },
    {
      name: "password in a healthcheck and a command",
      code: 'services:\n  db:\n    image: mysql:8.4\n    command: ["redis-server", "--requirepass", "s3cret"]\n    healthcheck:\n      test: ["CMD-SHELL", "mysqladmin ping -uroot -phunter2"]\n',
      errors: [
        { messageId: "commandPassword", line: 4 },
        { messageId: "commandPassword", line: 6 },
      ],
    },
    {
      name: "through an x- anchor: reported once",
      code: "x-env: &env\n  SECRET_KEY: «abc123»\nservices:\n  a:\n    image: acme/a:1\n    environment: *env\n  b:\n    image: acme/b:1\n    environment: *env\n",
      errors: [{ messageId: "literal" }],
    },
  ],
});

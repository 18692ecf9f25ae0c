import { rule } from "../../../../server/src/engine/rules/dockerfile/entrypoint-execs-command";
import { testRule } from "../../helpers/ruleTester";

const DF = 'FROM python:3.13-slim\nCOPY docker/entrypoint.sh /entrypoint.sh\nENTRYPOINT [«"/entrypoint.sh"»]\nCMD ["uvicorn", "app:app"]\n';
const clean = (s: string) => s.replace(/[«»]/g, "");

testRule(rule, {
  valid: [
    {
      name: 'practice 002 entrypoint ends with exec "$@"',
      code: clean(DF),
      files: {
        "docker/entrypoint.sh":
          '#!/bin/sh\necho "Starting"\nif [ -n "$DATABASE_URL" ]; then\n  alembic upgrade head\nfi\n\n# Execute the main command\nexec "$@"\n',
      },
    },
    {
      name: 'exec "$@" inside a final if block',
      code: clean(DF),
      files: { "docker/entrypoint.sh": '#!/bin/bash\nif [ "$1" = "web" ]; then\n  exec uvicorn app:app\nelse\n  exec "$@"\nfi\n' },
    },
    { name: "script not in the workspace", code: clean(DF) },
    { name: "a Python entrypoint", code: clean(DF), files: { "docker/entrypoint.sh": "#!/usr/bin/env python3\nprint('hi')\n" } },
    { name: "ENTRYPOINT a binary", code: 'FROM python:3.13-slim\nENTRYPOINT ["uvicorn"]\n' },
    { name: "gosu wrapper", code: clean(DF), files: { "docker/entrypoint.sh": '#!/bin/sh\nset -e\nexec gosu app "$@"\n' } },
    {
      name: "ends by exec-ing its own program and reads its arguments as data (cron lines)",
      code: 'FROM debian:bookworm-slim\nCOPY entrypoint.sh /entrypoint.sh\nENTRYPOINT ["/entrypoint.sh"]\n',
      files: { "entrypoint.sh": '#!/usr/bin/env bash\nfor job in "$@"; do echo "$job"; done | crontab -\nexec cron -f\n' },
    },
    {
      name: "ends by exec-ing its own program and the image has no CMD to ignore",
      code: 'FROM nginx:1.27\nCOPY start.sh /start.sh\nENTRYPOINT ["/start.sh"]\n',
      files: { "start.sh": "#!/bin/sh\nenvsubst < /t > /etc/nginx/conf.d/default.conf\nexec nginx -g 'daemon off;'\n" },
    },
  ],
  invalid: [
    {
      name: "ends by exec-ing its own program while the image gives it a CMD that is never run",
      code: 'FROM nginx:1.27\nCOPY start.sh /start.sh\nENTRYPOINT [«"/start.sh"»]\nCMD ["nginx", "-g", "daemon off;"]\n',
      files: { "start.sh": "#!/bin/sh\nexec nginx -g 'daemon off;'\n" },
      errors: [{ messageId: "noArgs" }],
    },
    {
      name: '"$@" without exec: safe fix adds exec',
      code: DF,
      files: { "docker/entrypoint.sh": '#!/bin/sh\nset -e\nalembic upgrade head\n"$@"\n' },
      errors: [{ messageId: "noExec" }],
      output: clean(DF),
      outputFiles: { "docker/entrypoint.sh": '#!/bin/sh\nset -e\nalembic upgrade head\nexec "$@"\n' },
    },
    {
      name: 'CMD never run: appends exec "$@"',
      code: 'FROM python:3.13-slim\nWORKDIR /app\nCOPY entrypoint.sh ./\nENTRYPOINT ["sh", "./entrypoint.sh"]\n',
      files: { "entrypoint.sh": "#!/bin/sh\nalembic upgrade head" },
      errors: [{ messageId: "noArgs", line: 4 }],
      output: 'FROM python:3.13-slim\nWORKDIR /app\nCOPY entrypoint.sh ./\nENTRYPOINT ["sh", "./entrypoint.sh"]\n',
      outputFiles: { "entrypoint.sh": '#!/bin/sh\nalembic upgrade head\nexec "$@"\n' },
    },
    {
      name: "a bare name found on PATH",
      code: 'FROM postgres:17\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\n',
      files: { "docker-entrypoint.sh": '#!/bin/bash\nset -e\n"$@"\n' },
      errors: [{ messageId: "noExec", line: 3 }],
      output: 'FROM postgres:17\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\n',
      outputFiles: { "docker-entrypoint.sh": '#!/bin/bash\nset -e\nexec "$@"\n' },
    },
    {
      name: "a folder of scripts copied whole, shell-form ENTRYPOINT, script ends with another exec while a CMD is given (no fix)",
      code: 'FROM python:3.13-slim\nCOPY docker/ /docker/\nENTRYPOINT /docker/start.sh\nCMD ["--workers", "2"]\n',
      files: { "docker/start.sh": "#!/bin/sh\nexec uvicorn app:app\n" },
      errors: [{ messageId: "noArgs", line: 3 }],
    },
  ],
});

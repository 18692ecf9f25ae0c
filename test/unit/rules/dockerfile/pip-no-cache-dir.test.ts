import { rule } from "../../../../server/src/engine/rules/dockerfile/pip-no-cache-dir";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    {
      name: "a builder stage only copied from: its cache is thrown away",
      notOnbuild: "an ONBUILD trigger runs in the child image, which ships",
      code: "FROM python:3.13-slim AS deps\nRUN pip install pip-tools==7.4.1 && pip-compile -o /tmp/requirements.txt\nFROM python:3.13-slim\nCOPY --from=deps /tmp/requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n",
    },
    { name: "a fragment without FROM, after ENV PIP_NO_CACHE_DIR", code: "ENV PIP_NO_CACHE_DIR=1\nRUN pip install requests==2.32.3\n" },
    "FROM python:3.13-slim\nRUN pip install --no-cache-dir requests\n",
    "FROM python:3.13-slim\nRUN pip3 install --no-cache-dir -r requirements.txt\n",
    "FROM python:3.13-slim\nRUN python -m pip install --no-cache-dir requests\n",
    "FROM python:3.13-slim\nRUN PIP_NO_CACHE_DIR=1 pip install requests\n",
    "FROM python:3.13-slim\nENV PIP_NO_CACHE_DIR=true\nRUN pip install requests\n",
    {
      name: "ENV in the parent stage",
      code: "FROM python:3.13-slim AS base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install requests\n",
    },
    "FROM python:3.13-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install requests\n",
    "FROM python:3.13-slim\nRUN pipx install poetry\n",
    "FROM python:3.13-slim\nRUN pipenv install\n",
    "FROM python:3.13-slim\nRUN python -m pipx install poetry\n",
    "FROM python:3.13-slim\nRUN pip download requests\n",
  ],
  invalid: [
    {
      name: "a stage another stage builds FROM ships its cache",
      code: 'FROM python:3.13-slim AS base\nRUN «pip install requests==2.32.3»\nFROM base\nCMD ["python"]\n',
      errors: [{ messageId: "noCacheDir" }],
      output: 'FROM python:3.13-slim AS base\nRUN pip install --no-cache-dir requests==2.32.3\nFROM base\nCMD ["python"]\n',
    },
    {
      code: "FROM python:3.13-slim\nRUN «pip install requests»\n",
      errors: [{ messageId: "noCacheDir" }],
      output: "FROM python:3.13-slim\nRUN pip install --no-cache-dir requests\n",
    },
    {
      name: "python -m pip and a falsy env",
      code: "FROM python:3.13-slim\nENV PIP_NO_CACHE_DIR=0\nRUN «python3 -m pip install -U pip»\n",
      errors: [{ messageId: "noCacheDir" }],
      output: "FROM python:3.13-slim\nENV PIP_NO_CACHE_DIR=0\nRUN python3 -m pip install --no-cache-dir -U pip\n",
    },
    {
      name: "ENV in an unrelated stage does not count",
      code: "FROM python:3.13 AS build\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.13-slim\nRUN pip install x\n",
      errors: [{ messageId: "noCacheDir", line: 4, column: 5 }],
      output: "FROM python:3.13 AS build\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.13-slim\nRUN pip install --no-cache-dir x\n",
    },
    {
      name: "ONBUILD RUN triggers are checked too",
      code: "FROM python:3.13-slim\nONBUILD RUN «pip install -r requirements.txt»\n",
      errors: [{ messageId: "noCacheDir" }],
      output: "FROM python:3.13-slim\nONBUILD RUN pip install --no-cache-dir -r requirements.txt\n",
    },
    {
      name: "a cache mount on another tool's cache",
      code: "FROM python:3.13-slim\nRUN --mount=type=cache,target=/root/.cache/uv pip install x\n",
      errors: [{ messageId: "noCacheDir" }],
    },
  ],
});

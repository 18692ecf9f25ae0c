import { rule } from "../../../../server/src/engine/rules/dockerfile/cmd-module-not-found";
import { testRule } from "../../helpers/ruleTester";

const MANY_FILES = Object.fromEntries(Array.from({ length: 1_001 }, (_, i) => [`data/f${i}.csv`, ""]));
const REQ = { "requirements.txt": "fastapi\nuvicorn\ngunicorn\n" };
const PIP = "FROM python:3.13-slim\nWORKDIR /app\nCOPY requirements.txt ./\nRUN pip install --no-cache-dir -r requirements.txt\n";
const SRC_MAIN = { ...REQ, "src/main.py": "from fastapi import FastAPI\napp = FastAPI()\n" };
const UV_SRC = {
  "pyproject.toml":
    '[project]\nname = "shop"\nversion = "0.1.0"\ndependencies = ["fastapi", "uvicorn"]\n\n[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n',
  "uv.lock": 'version = 1\n\n[[package]]\nname = "fastapi"\n\n[[package]]\nname = "uvicorn"\n',
  "src/shop/__init__.py": "",
  "src/shop/main.py": "app = object()\n",
};
const UV =
  "FROM python:3.13-slim\nCOPY --from=ghcr.io/astral-sh/uv:0.8.22 /uv /bin/uv\nWORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-dev --no-install-project\nCOPY . .\nRUN uv sync --frozen --no-dev\nENV PATH=/app/.venv/bin:$PATH\n";

testRule(
  rule,
  {
    valid: [
      // the module is where the command looks
      { code: `${PIP}COPY src/ ./\nCMD ["uvicorn", "main:app", "--host", "0.0.0.0"]\n`, files: SRC_MAIN },
      { code: `${PIP}COPY . .\nCMD ["uvicorn", "src.main:app", "--host", "0.0.0.0"]\n`, files: SRC_MAIN },
      { code: `${PIP}COPY src/ ./src/\nCMD ["uvicorn", "main:app", "--app-dir", "src"]\n`, files: SRC_MAIN },
      { code: `${PIP}COPY src/ ./src/\nENV PYTHONPATH=/app/src\nCMD ["gunicorn", "main:app"]\n`, files: SRC_MAIN },
      { code: `${PIP}COPY . .\nCMD python -m src.main\n`, files: SRC_MAIN },
      // a src/ layout installed into the virtualenv: imported from site-packages, not from the working folder
      { code: `${UV}CMD ["uvicorn", "shop.main:app", "--host", "0.0.0.0"]\n`, files: UV_SRC },
      // installed with pip from the copied project: the rule cannot know the installed layout, quiet
      {
        code: `FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir .\nCMD ["uvicorn", "shop.main:app"]\n`,
        files: UV_SRC,
      },
      // local code pip-installs from a requirements file: it may put the module into site-packages
      {
        code: `${PIP}COPY src/ ./src/\nCMD ["uvicorn", "main:app"]\n`,
        files: { "requirements.txt": "fastapi\nuvicorn\n-e ./src\n", "src/main.py": "app = 1\n", "src/setup.py": "" },
      },
      // a VCS requirement may install any top-level module
      {
        code: `${PIP}COPY src/ ./src/\nCMD ["uvicorn", "main:app"]\n`,
        files: { "requirements.txt": "fastapi\nuvicorn\ngit+https://example.com/acme/main.git\n", "src/main.py": "app = 1\n" },
      },
      // a build context too big to read on every lint
      { code: `${PIP}COPY src/ ./src/\nCMD ["uvicorn", "main:app"]\n`, files: { ...SRC_MAIN, ...MANY_FILES } },
      // a third-party module the lockfile may hold
      { code: `${PIP}COPY . .\nCMD ["python", "-m", "http.server"]\n`, files: SRC_MAIN },
      { code: `${PIP}COPY . .\nCMD ["gunicorn", "fastapi_app:app"]\n`, files: { "requirements.txt": "fastapi-app\n" } },
      // the folder is not a Python project (no manifest): not the build context, quiet
      { code: `${PIP}COPY src/ ./src/\nCMD ["uvicorn", "main:app"]\n`, files: { "src/main.py": "app = 1\n" } },
      // a build step fails as modelled (the COPY source is not in this folder): the real context is elsewhere
      { code: `${PIP}COPY backend/ ./\nCMD ["uvicorn", "main:app"]\n`, files: SRC_MAIN },
      // a command whose files are unknown
      { code: `${PIP}COPY src/ ./src/\nRUN ./generate.sh\nCMD ["uvicorn", "main:app"]\n`, files: SRC_MAIN },
      // not a Python command
      { code: `FROM node:22-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n`, files: { "requirements.txt": "" } },
      // the script is copied
      { code: `${PIP}COPY app.py ./\nCMD ["python", "app.py"]\n`, files: { ...REQ, "app.py": "print(1)\n" } },
    ],
    invalid: [
      {
        name: "issue 12: the source goes to /app/src, uvicorn imports main from /app",
        code: `${PIP}COPY src/ ./src/\nCMD ["uvicorn", «"main:app"», "--host", "0.0.0.0"]\n`,
        files: SRC_MAIN,
        errors: [{ messageId: "module" }],
        output: `${PIP}COPY src/ ./src/\nCMD ["uvicorn", "--app-dir", "src", "main:app", "--host", "0.0.0.0"]\n`,
      },
      {
        name: "shell form",
        code: `${PIP}COPY src/ ./src/\nCMD uvicorn «main:app» --host 0.0.0.0\n`,
        files: SRC_MAIN,
        errors: [{ messageId: "module" }],
        output: `${PIP}COPY src/ ./src/\nCMD uvicorn --app-dir src main:app --host 0.0.0.0\n`,
      },
      {
        name: "Poetry src.main:app but the Dockerfile copies src/ into the working folder",
        code: `${PIP}COPY src/ ./\nCMD ["gunicorn", «"src.main:app"»]\n`,
        files: SRC_MAIN,
        errors: [{ messageId: "module" }],
      },
      {
        name: "python -m of a package that is not copied",
        code: `${PIP}COPY src/main.py ./\nCMD ["python", "-m", «"shop"»]\n`,
        files: { ...SRC_MAIN, "src/shop/__init__.py": "", "src/shop/__main__.py": "" },
        errors: [{ messageId: "module" }],
      },
      {
        name: "a script path that .dockerignore leaves out",
        code: `${PIP}COPY . .\nCMD ["python", «"app.py"»]\n`,
        files: { ...REQ, "app.py": "print(1)\n", ".dockerignore": "*.py\n" },
        errors: [{ messageId: "script" }],
      },
    ],
  },
  { onbuild: { skip: "ONBUILD RUN runs in the child build: the simulation of this image does not run it" } },
);

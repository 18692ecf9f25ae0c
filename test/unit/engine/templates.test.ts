import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { hasTemplateMarkup, isTemplateName } from "../../../server/src/engine/kinds";

describe("template files (not linted when found in a folder)", () => {
  it("recognises template names", () => {
    for (const name of ["Dockerfile.template", "Dockerfile-linux.template", "compose.yml.tmpl", "Dockerfile.j2", "Dockerfile.jinja2"]) {
      assert.ok(isTemplateName(name), name);
    }
    for (const name of ["Dockerfile", "Dockerfile.dev", "Dockerfile-templates", "compose.yml", "template.Dockerfile"]) {
      assert.ok(!isTemplateName(name), name);
    }
  });

  it("recognises Jinja/cookiecutter markup", () => {
    const templates = [
      "FROM python:{{ cookiecutter.python_version }}-slim\n",
      "services:\n  web:\n    image: {{ project_slug }}_web\n",
      "services:\n  web:\n    depends_on:\n      - db\n      {%- if use_redis == 'y' %}\n      - redis\n      {%- endif %}\n",
      "FROM alpine:3.20\n{% raw %}RUN echo{% endraw %}\n",
      "{# a Jinja comment #}\nFROM alpine:3.20\n",
      "FROM {{ env.base | default('debian') }}:bookworm\n",
      "ENV VERSION={{ versions['python'] }}\n",
    ];
    for (const t of templates) assert.ok(hasTemplateMarkup(t), t);
  });

  it("does not take Go templates, shell or plain files for Jinja", () => {
    const files = [
      "FROM alpine:3.20\nRUN echo hello\n",
      // Go templates that Docker and Compose users write on purpose
      'services:\n  web:\n    image: nginx:1.27\n    logging:\n      options:\n        tag: "{{.Name}}/{{.ID}}"\n',
      "FROM alpine:3.20\nHEALTHCHECK CMD docker inspect --format '{{ json .State }}' x\n",
      "FROM alpine:3.20\nRUN docker ps --format '{{ .Names }}'\n",
      // shell: string length and brace groups
      "FROM alpine:3.20\nRUN [ ${#VAR} -gt 0 ] && { echo a; echo b; }\n",
      "FROM alpine:3.20\nRUN awk '{ print $1 }' f && echo '{}'\n",
      // GitHub-style ${{ }} is only markup when it holds a name
      "FROM alpine:3.20\nRUN echo '{{}}'\n",
    ];
    for (const f of files) assert.ok(!hasTemplateMarkup(f), f);
  });
});

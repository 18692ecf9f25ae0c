import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { composeCompletions } from "../../../../server/src/engine/completion/compose";
import { ComposeFileModel } from "../../../../server/src/engine/model/compose";
import { loadComposeProject } from "../../../../server/src/engine/model/composeProject";
import { memoryFs } from "../../../../server/src/engine/workspace";

/** Completions at the `|` in `code`; `files` are neighbours in /ws. */
function completeAt(code: string, files: Record<string, string> = {}, fileName = "compose.yml") {
  const at = code.indexOf("|");
  const text = code.slice(0, at) + code.slice(at + 1);
  const before = text.slice(0, at).split("\n");
  const position = { line: before.length - 1, character: (before[before.length - 1] as string).length };
  const path = `/ws/${fileName}`;
  const fs = memoryFs({ ...Object.fromEntries(Object.entries(files).map(([k, v]) => [`/ws/${k}`, v])), [path]: text });
  const file = new ComposeFileModel(path, text);
  return composeCompletions(file, loadComposeProject(file, fs), position);
}
const labels = (s: { label: string }[]) => s.map((x) => x.label).sort();

describe("compose completion", () => {
  it("service names in a depends_on list, without the service itself", () => {
    const s = completeAt(
      "services:\n  api:\n    image: a:1\n    depends_on:\n      - |\n  db:\n    image: postgres:16.4\n  cache:\n    image: redis:7.2\n",
    );
    assert.deepEqual(labels(s), ["cache", "db"]);
    assert.equal(s.find((x) => x.label === "db")?.kind, "service");
    assert.equal(s.find((x) => x.label === "db")?.detail, "postgres:16.4");
  });

  it("service names from other files of the project, as long-form keys", () => {
    const s = completeAt(
      "services:\n  api:\n    depends_on:\n      d|\n",
      { "compose.yml": "services:\n  api:\n    image: a:1\n  db:\n    image: postgres:16.4\n" },
      "compose.override.yml",
    );
    assert.deepEqual(labels(s), ["db"]);
    assert.match(s[0]?.insertText ?? "", /condition: service_healthy/);
  });

  it("condition values", () => {
    const s = completeAt("services:\n  api:\n    image: a:1\n    depends_on:\n      db:\n        condition: |\n  db:\n    image: b:1\n");
    assert.deepEqual(labels(s), ["service_completed_successfully", "service_healthy", "service_started"]);
  });

  it("networks, volumes, secrets, configs where they fit", () => {
    const top = "networks:\n  back: {}\nvolumes:\n  data: {}\nsecrets:\n  pw:\n    file: ./pw\nconfigs:\n  cfg:\n    file: ./cfg\n";
    assert.deepEqual(labels(completeAt(`services:\n  api:\n    image: a:1\n    networks:\n      - |\n${top}`)), ["back", "default"]);
    assert.deepEqual(labels(completeAt(`services:\n  api:\n    image: a:1\n    volumes:\n      - |\n${top}`)), ["data"]);
    assert.deepEqual(labels(completeAt(`services:\n  api:\n    image: a:1\n    secrets:\n      - |\n${top}`)), ["pw"]);
    assert.deepEqual(labels(completeAt(`services:\n  api:\n    image: a:1\n    configs:\n      - |\n${top}`)), ["cfg"]);
  });

  it("nothing inside unrelated keys or comments", () => {
    assert.deepEqual(completeAt("services:\n  api:\n    image: a:1\n    environment:\n      - |\n  db:\n    image: b:1\n"), []);
    assert.deepEqual(completeAt("# depends_on: |\nservices: {}\n"), []);
  });

  it("extends and network_mode name services", () => {
    assert.deepEqual(labels(completeAt("services:\n  base:\n    image: a:1\n  api:\n    extends: |\n")), ["base"]);
    assert.ok(labels(completeAt("services:\n  vpn:\n    image: a:1\n  api:\n    network_mode: |\n")).includes("service:vpn"));
  });

  it("profiles already used by services of the project", () => {
    const s = completeAt("services:\n  api:\n    image: a:1\n    profiles:\n      - |\n", {
      "compose.override.yml": "services:\n  debug:\n    image: busybox:1.37\n    profiles: [dev, tools]\n",
    });
    assert.deepEqual(labels(s), ["dev", "tools"]);
  });

  it("inside ${…}: variables from .env and .env.example, names only", () => {
    const s = completeAt("services:\n  api:\n    image: app:${|\n", {
      ".env": "# c\nTAG=1.2\nexport DB_PASSWORD=hunter2\n",
      ".env.example": "TAG=\nPORT=8080\n",
    });
    assert.deepEqual(labels(s), ["DB_PASSWORD", "PORT", "TAG"]);
    assert.ok(s.every((x) => x.kind === "variable" && !/hunter2/.test(x.detail ?? "")));
    assert.equal(s.find((x) => x.label === "PORT")?.detail, "defined in .env.example");
    assert.deepEqual(completeAt("services:\n  api:\n    image: app:$|\n", { ".env": "TAG=1\n" }).length, 0, "only inside braces");
  });
});

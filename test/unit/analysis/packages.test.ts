import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  apkAdd,
  aptInstall,
  aptPinned,
  gemInstall,
  isAptUpdate,
  npmInstall,
  npmPinned,
  parseArgs,
  pipInstall,
  pipPinned,
  removesAptLists,
} from "../../../server/src/engine/analysis/packages";
import { parseShell, type ShellCommand } from "../../../server/src/engine/model/shell";

const cmd = (text: string): ShellCommand => parseShell(text)[0] as ShellCommand;
const words = (text: string) => cmd(text).words;

describe("analysis/packages", () => {
  it("parseArgs splits flags, inline and separate values, short clusters and --", () => {
    const parsed = parseArgs(words("-yq -t bookworm --opt=1 -q=2 --target-release x pkg -- -notaflag"), new Set(["t", "target-release"]));
    assert.deepEqual(
      parsed.flags.map((f) => [f.name, f.value]),
      [
        ["y", undefined],
        ["q", undefined],
        ["t", "bookworm"],
        ["opt", "1"],
        ["q", "2"],
        ["target-release", "x"],
      ],
    );
    assert.deepEqual(
      parsed.operands.map((w) => w.value),
      ["pkg", "-notaflag"],
    );
  });

  it("aptInstall finds packages after install, skipping option values and wrappers", () => {
    const i = aptInstall(cmd("sudo apt-get -o Acquire::Retries=3 install -y -t bookworm-backports curl git=1:2.*"));
    assert.ok(i);
    assert.equal(i.subcommand.value, "install");
    assert.deepEqual(
      i.packages.map((p) => p.value),
      ["curl", "git=1:2.*"],
    );
    assert.equal(aptInstall(cmd("apt install curl")), undefined, "apt only when asked for");
    assert.ok(aptInstall(cmd("apt install curl"), ["apt"]));
    assert.equal(aptInstall(cmd("apt-get update")), undefined);
  });

  it("a simulated apt install installs nothing", () => {
    for (const c of [
      "apt-get install -s pkg",
      "apt-get -qs install pkg",
      "apt-get install --simulate pkg",
      "apt-get install --dry-run pkg",
      "apt-get --just-print install pkg",
    ]) {
      assert.equal(aptInstall(cmd(c)), undefined, c);
    }
    assert.ok(aptInstall(cmd("apt-get install -y --no-install-recommends pkg")));
  });

  it("apt update and lists removal", () => {
    assert.ok(isAptUpdate(cmd("apt-get -qq update")));
    assert.ok(isAptUpdate(cmd("aptitude update")));
    assert.ok(!isAptUpdate(cmd("apt-get upgrade")));
    assert.ok(removesAptLists(cmd("rm -rf /var/lib/apt/lists/*")));
    assert.ok(removesAptLists(cmd("rm -fr /var/lib/apt/lists")));
    assert.ok(!removesAptLists(cmd("rm -rf /tmp/*")));
  });

  it("pinned predicates", () => {
    assert.ok(aptPinned("curl=7.88*") && aptPinned("curl/bookworm") && aptPinned("./x.deb") && !aptPinned("curl"));
    assert.ok(pipPinned("a==1") && pipPinned("a>=1") && pipPinned("git+https://h/r.git@v1") && pipPinned("./pkg") && pipPinned("x.whl"));
    assert.ok(!pipPinned("requests") && !pipPinned("git+https://h/r.git#egg=r"));
    assert.ok(npmPinned("a@1") && npmPinned("@s/a@1") && npmPinned("./dir") && npmPinned("x.tgz") && npmPinned("git://h/r.git#v1"));
    assert.ok(!npmPinned("a") && !npmPinned("@s/a") && !npmPinned("git://h/r.git"));
  });

  it("pip, npm, apk and gem install commands", () => {
    const pip = pipInstall(cmd("python3 -m pip install --no-cache-dir -i https://x/simple flask"));
    assert.deepEqual(
      pip?.packages.map((p) => p.value),
      ["flask"],
    );
    assert.equal(pipInstall(cmd("pip install -r requirements.txt"))?.fromRequirements, true);
    assert.equal(pipInstall(cmd("pipenv install")), undefined);
    assert.deepEqual(
      npmInstall(cmd("npm i -g --registry https://r typescript@5"))?.packages.map((p) => p.value),
      ["typescript@5"],
    );
    assert.deepEqual(
      apkAdd(cmd("apk add --no-cache --virtual .build-deps gcc musl-dev"))?.packages.map((p) => p.value),
      ["gcc", "musl-dev"],
    );
    const gem = gemInstall(cmd("gem install --no-document -n /usr/bin bundler -- --with-x"));
    assert.deepEqual(
      gem?.packages.map((p) => p.value),
      ["bundler"],
    );
  });
});

import { rule } from "../../../../server/src/engine/rules/dockerfile/pip-pin-versions";
import { testRule } from "../../helpers/ruleTester";

const F = "FROM python:3.13-slim\n";
const ok = (run: string) => F + `RUN ${run}\n`;

testRule(rule, {
  valid: [
    ok("pip3 install MySQL_python==1.2.2"),
    ok("pip3 install mypkg.whl"),
    ok("pip3 install mypkg.tar.gz"),
    ok("pip install -r requirements.txt"),
    ok("pip install --requirement requirements.txt"),
    ok("pip install ."),
    ok("pip install MySQL_python~=1.2.2"),
    ok("pip install MySQL_python===1.2.2"),
    ok("pip install --ignore-installed MySQL_python==1.2.2"),
    ok("pip3 install --build /opt/yamllint yamllint==1.20.0"),
    ok("pip3 install --prefix /opt/yamllint yamllint==1.20.0"),
    ok("pip3 install --root /opt/yamllint yamllint==1.20.0"),
    ok("pip3 install --target /opt/yamllint yamllint==1.20.0"),
    ok("pip3 install --trusted-host host example==1.2.2"),
    ok("python -m pip install example==1.2.2"),
    ok("pip install git+https://github.com/rtfd/r-ext.git@0.6-alpha#egg=r-ext"),
    ok("pip install git+ssh://github.com/rtfd/r-ext.git@0.6-alpha#egg=r-ext"),
    ok("pip install foo/bar"),
    ok("pip install https://foo.bar/baz.zip"),
    ok("pip install 'alabaster>=0.7'"),
    ok("pip install 'alabaster<0.7'"),
    ok("pip install 'alabaster!=0.7'"),
    ok("pip install MySQL_python==1.2.2 --user"),
    ok("pip install MySQL_python==1.2.2 --disable-pip-version-check"),
    ok("pip install --index-url https://eg.com/foo foobar==1.0.0"),
    ok("pip install -i https://eg.com/foo foobar==1.0.0"),
    ok("pip install --index-url https://user:pass@eg.com/foo --extra-index-url https://user:pass@ex-eg.io/foo foobar==1.0.0"),
    ok("pip install MySQL_python==1.2.2 --no-cache-dir"),
    ok("pip install pykafka --constraint http://foo.bar.baz"),
    ok("pip install pykafka -c http://foo.bar.baz"),
    ok("pipenv install black"),
    ok('pipx install --python "$(which python)" "poetry==1.8.5"'),
    ok("pip install --no-cache-dir --root-user-action ignore poetry==1.8.5"),
    ok("pip install --no-cache-dir poetry==$POETRY_VERSION"),
    ok("pip install -e ./src"),
    ok("pip download requests"),
  ],
  invalid: [
    { code: F + "RUN pip install «MySQL_python»\n", errors: [{ messageId: "unpinned" }] },
    { name: "pip2", code: ok("pip2 install MySQL_python"), errors: [{ messageId: "unpinned" }] },
    { name: "pip3", code: ok("pip3 install MySQL_python"), errors: [{ messageId: "unpinned" }] },
    { name: "python -m pip", code: ok("python -m pip install example"), errors: [{ messageId: "unpinned", column: 27 }] },
    {
      name: "unversioned git",
      code: ok("pip install git+https://github.com/rtfd/read-ext.git#egg=read-ext"),
      errors: [{ messageId: "unpinned" }],
    },
    {
      name: "unversioned git+ssh",
      code: ok("pip install git+ssh://github.com/rtfd/read-ext.git#egg=read-ext"),
      errors: [{ messageId: "unpinned" }],
    },
    { name: "pipx", code: ok("pipx install black"), errors: [{ messageId: "unpinned" }] },
    {
      name: "--flag=value still checks the package",
      code: ok("pip install --root-user-action=ignore mypkg"),
      errors: [{ messageId: "unpinned" }],
    },
    {
      name: "upgrade pip and friends, in a builder stage",
      code: "FROM python:3.13 AS build\nRUN pip install --upgrade pip setuptools==75.0\nFROM python:3.13-slim\n",
      errors: [{ messageId: "unpinned", line: 2, column: 27 }],
    },
    { name: "ONBUILD", code: F + "ONBUILD RUN pip install flask\n", errors: [{ messageId: "unpinned" }] },
  ],
});

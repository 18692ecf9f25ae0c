import { rule } from "../../../../server/src/engine/rules/dockerfile/npm-pin-versions";
import { testRule } from "../../helpers/ruleTester";

const F = "FROM node:22-slim\n";
const ok = (run: string) => F + `RUN ${run}\n`;

testRule(rule, {
  valid: [
    ok("npm install"),
    ok("npm install --progress=false"),
    ok("npm install express@4.1.1"),
    ok('npm install @myorg/privatepackage@">=0.1.0"'),
    ok('npm install express@"4.1.1" sax@0.1.1'),
    ok('npm install --global express@"4.1.1"'),
    ok('npm install -g express@"4.1.1"'),
    ok("npm install package-v1.2.3.tar"),
    ok("npm install package-v1.2.3.tar.gz"),
    ok("npm install package-v1.2.3.tgz"),
    ok("npm install /folder"),
    ok("npm install ./folder"),
    ok("npm install ../folder"),
    ok("npm install ~/folder"),
    ok("npm install git+ssh://git@github.com:npm/npm.git#v1.0.27"),
    ok("npm install git+http://isaacs@github.com/npm/npm#semver:^5.0"),
    ok("npm install git+https://isaacs@github.com/npm/npm.git#v1.0.27"),
    ok("npm install git://github.com/npm/npm.git#v1.0.27"),
    ok("npm run --crazy install"),
    ok('npm install @myorg/privatepackage@">=0.1.0 <0.2.0"'),
    ok("npm install --loglevel verbose sax@0.1.1"),
    ok("npm install --registry https://example.com sax@0.1.1"),
    ok("npm ci --omit=dev"),
    ok("npm install --omit dev"),
  ],
  invalid: [
    { code: F + "RUN npm install «express»\n", errors: [{ messageId: "unpinned" }] },
    { name: "scoped", code: ok("npm install @myorg/privatepackage"), errors: [{ messageId: "unpinned" }] },
    { name: "one of several", code: ok("npm install express sax@0.1.1"), errors: [{ messageId: "unpinned", column: 17 }] },
    { name: "--global", code: ok("npm install --global express"), errors: [{ messageId: "unpinned" }] },
    { name: "git+ssh without ref", code: ok("npm install git+ssh://git@github.com:npm/npm.git"), errors: [{ messageId: "unpinned" }] },
    { name: "git+http without ref", code: ok("npm install git+http://isaacs@github.com/npm/npm"), errors: [{ messageId: "unpinned" }] },
    {
      name: "git+https without ref",
      code: ok("npm install git+https://isaacs@github.com/npm/npm.git"),
      errors: [{ messageId: "unpinned" }],
    },
    { name: "git without ref", code: ok("npm install git://github.com/npm/npm.git"), errors: [{ messageId: "unpinned" }] },
    { name: "--registry value", code: ok("npm install --registry https://example.com express"), errors: [{ messageId: "unpinned" }] },
    { name: "--registry=value", code: ok("npm install --registry=https://example.com express"), errors: [{ messageId: "unpinned" }] },
    { name: "npm i alias", code: ok("npm i -g pnpm"), errors: [{ messageId: "unpinned" }] },
  ],
});

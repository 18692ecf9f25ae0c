import { rule } from "../../../../server/src/engine/rules/dockerfile/gem-pin-versions";
import { testRule } from "../../helpers/ruleTester";

const F = "FROM ruby:3.3-slim\n";
const ok = (run: string) => F + `RUN ${run}\n`;

testRule(rule, {
  valid: [
    ok("gem i bundler:1"),
    ok("gem i bunlder:1 nokogirii:1"),
    ok("gem install bundler:1"),
    ok("gem install bundler -v '2.0.1'"),
    ok("gem install bundler --version '2.0.1'"),
    ok("gem install bundler --version='2.0.1'"),
    ok("gem install bundler:2.0.1 -- --use-system-libraries=true"),
    ok("gem install bundler:2.0.1 -- --use-system-libraries true"),
    ok("gem install bundler:2.0.1 --use-system-libraries true"),
    ok("gem install bundler:2.0.1 --use-system-libraries=true"),
    ok("gem update --system"),
  ],
  invalid: [
    { code: F + "RUN gem i «bundler»\n", errors: [{ messageId: "unpinned" }] },
    { name: "multi", code: ok("gem i bunlder:1 nokogiri"), errors: [{ messageId: "unpinned" }] },
    { name: "install", code: ok("gem install bundler"), errors: [{ messageId: "unpinned" }] },
    { name: "after a boolean flag", code: ok("gem install --no-document bundler"), errors: [{ messageId: "unpinned", column: 31 }] },
  ],
});

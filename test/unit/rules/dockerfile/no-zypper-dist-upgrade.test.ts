import { rule } from "../../../../server/src/engine/rules/dockerfile/no-zypper-dist-upgrade";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: ["FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0\n", "FROM opensuse/leap:15.6\nRUN zypper update -y\n"],
  invalid: [
    { code: "FROM opensuse/leap:15.6\nRUN «zypper dist-upgrade -y»\n", errors: [{ messageId: "distUpgrade" }] },
    { code: "FROM opensuse/leap:15.6\nRUN zypper ref && «zypper -n dup»\n", errors: [{ messageId: "distUpgrade" }] },
  ],
});

import { rule } from "../../../../server/src/engine/rules/dockerfile/apt-get-instead-of-apt";
import { testRule } from "../../helpers/ruleTester";

const F = "FROM ubuntu:24.04\n";

testRule(rule, {
  valid: [F + "RUN apt-get install -y python\n", F + "RUN apt-cache search python\n", F + "RUN echo apt\n"],
  invalid: [
    {
      name: "exec form keeps JSON",
      code: 'FROM ubuntu:24.04\nRUN ["apt", "install", "-y", "curl"]\n',
      errors: [{ messageId: "apt" }],
      output: 'FROM ubuntu:24.04\nRUN ["apt-get", "install", "-y", "curl"]\n',
    },
    {
      code: F + "RUN «apt» install python\n",
      errors: [{ messageId: "apt" }],
      output: F + "RUN apt-get install python\n",
    },
    {
      name: "each apt command",
      code: F + "RUN apt update && apt install -y curl\n",
      errors: [
        { messageId: "apt", column: 5 },
        { messageId: "apt", column: 19 },
      ],
      output: F + "RUN apt-get update && apt-get install -y curl\n",
    },
    {
      name: "search -> apt-cache",
      code: F + "RUN apt search curl\n",
      errors: [{ messageId: "apt" }],
      output: F + "RUN apt-cache search curl\n",
    },
    {
      name: "full-upgrade -> apt-get dist-upgrade (unsafe, but offered)",
      code: F + "RUN /usr/bin/apt full-upgrade -y\n",
      errors: [{ messageId: "apt" }],
      output: F + "RUN /usr/bin/apt-get dist-upgrade -y\n",
    },
    { name: "list has no counterpart", code: F + "RUN apt list --installed\n", errors: [{ messageId: "apt" }] },
  ],
});

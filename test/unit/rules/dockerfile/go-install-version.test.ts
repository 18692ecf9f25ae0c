import { rule } from "../../../../server/src/engine/rules/dockerfile/go-install-version";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@v0.16.2\n",
    "FROM golang:1.23\nRUN go install ./cmd/app\n",
    "FROM golang:1.23\nRUN go install .\n",
    "FROM golang:1.23\nRUN go get example.com/pkg@v1.0.0\n",
    "FROM golang:1.23\nRUN go run main.go --flag value\n",
    "FROM golang:1.23\nRUN go run example.com/tool@v1.2.3 some args\n",
    "FROM golang:1.23\nRUN go build -o /app .\n",
  ],
  invalid: [
    { code: "FROM golang:1.23\nRUN go install «golang.org/x/tools/gopls»\n", errors: [{ messageId: "unpinned" }] },
    { code: "FROM golang:1.23\nRUN go install «example.com/tool@latest»\n", errors: [{ messageId: "unpinned" }] },
    { code: "FROM golang:1.23\nRUN go get -u «example.com/pkg@none»\n", errors: [{ messageId: "unpinned" }] },
    { code: "FROM golang:1.23\nRUN go run «example.com/tool» arg\n", errors: [{ messageId: "unpinned" }] },
  ],
});

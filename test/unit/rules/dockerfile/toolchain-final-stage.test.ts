import { rule } from "../../../../server/src/engine/rules/dockerfile/toolchain-final-stage";
import { testRule } from "../../helpers/ruleTester";

testRule(
  rule,
  {
    valid: [
      {
        name: "built in its own stage, run from distroless",
        code: 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/api ./cmd/api\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/api /api\nCMD ["/api"]\n',
      },
      {
        name: "a tool image that runs go itself",
        code: 'FROM golang:1.23\nRUN go install golang.org/x/tools/cmd/goimports@v0.26.0\nENTRYPOINT ["go", "vet", "./..."]\n',
      },
      {
        name: "go run (the toolchain is needed; another matter)",
        code: 'FROM golang:1.23\nWORKDIR /src\nCOPY . .\nCMD ["go", "run", "."]\n',
      },
      {
        name: "the start command is not the program built here",
        code: 'FROM golang:1.23\nRUN go build -o /usr/local/bin/gen ./tools/gen\nCMD ["bash"]\n',
      },
      {
        name: "a base chosen by a build argument",
        code: 'ARG BASE=golang:1.23\nFROM ${BASE}\nRUN go build -o /app .\nCMD ["/app"]\n',
      },
      {
        name: "a builder that is not the final stage",
        code: 'FROM rust:1.82 AS build\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\nFROM debian:bookworm-slim\nCOPY --from=build /src/target/release/app /usr/local/bin/app\nCMD ["app"]\n',
      },
      { name: "no start command (a base image for others)", code: "FROM golang:1.23\nRUN go build -o /usr/local/bin/app .\n" },
      {
        name: "a shell-form list names no single program",
        code: "FROM golang:1.23\nRUN go build -o /app .\nCMD /app migrate && /app serve\n",
      },
      { name: "python is not a compiled toolchain here", code: 'FROM python:3.13\nCOPY app.py .\nCMD ["python", "app.py"]\n' },
    ],
    invalid: [
      {
        name: "go build -o and CMD in one golang stage",
        code: '«FROM golang:1.23»\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /usr/local/bin/api ./cmd/api\nCMD ["api"]\n',
        errors: [{ messageId: "toolchain" }],
      },
      {
        name: "golang alpine is a toolchain too; relative -o in WORKDIR",
        code: 'FROM golang:1.23-alpine\nWORKDIR /src\nCOPY . .\nRUN go build -o server .\nENTRYPOINT ["./server"]\n',
        errors: [{ messageId: "toolchain", line: 1 }],
      },
      {
        name: "go install of a package",
        code: "FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go install ./cmd/worker\nCMD worker\n",
        errors: [{ messageId: "toolchain", line: 1 }],
      },
      {
        name: "the binary copied from a builder back onto the rust image",
        code: 'FROM rust:1.82 AS build\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\nFROM rust:1.82\nCOPY --from=build /src/target/release/app /usr/local/bin/app\nCMD ["app"]\n',
        errors: [{ messageId: "toolchain", line: 5 }],
      },
      {
        name: "cargo build output run in place, final stage built FROM a named stage",
        code: 'FROM rust:1.82-slim AS base\nWORKDIR /src\nFROM base\nCOPY . .\nRUN cargo build --release\nCMD ["/src/target/release/app"]\n',
        errors: [{ messageId: "toolchain", line: 1 }],
      },
    ],
  },
  {
    onbuild: { skip: "it judges the program the image being built runs; an ONBUILD RUN builds nothing in this image" },
  },
);

import { rule } from "../../../../server/src/engine/rules/dockerfile/shell-wrapper-exec";
import { testRule } from "../../helpers/ruleTester";

testRule(
  rule,
  {
    valid: [
      {
        name: "exec before the last command",
        code: 'FROM python:3.13-slim\nCMD ["sh", "-c", "alembic upgrade head && exec uvicorn app:app"]\n',
      },
      { name: "a single command: dash execs it itself", code: 'FROM python:3.13-slim\nCMD ["sh", "-c", "uvicorn app:app --port $PORT"]\n' },
      {
        name: "Alpine: BusyBox sh replaces itself with the last command",
        code: 'FROM python:3.13-alpine\nCMD ["sh", "-c", "alembic upgrade head && uvicorn app:app"]\n',
      },
      { name: "bash replaces itself with the last command", code: 'FROM python:3.13-slim\nCMD ["bash", "-c", "migrate && serve"]\n' },
      { name: "an unknown base", code: 'FROM registry.example.com/team/base:7\nCMD ["sh", "-c", "migrate && serve"]\n' },
      {
        name: "a base chosen by a build argument",
        code: 'ARG BASE=python:3.13-slim\nFROM ${BASE}\nCMD ["sh", "-c", "migrate && serve"]\n',
      },
      {
        name: "the script handles signals itself",
        code: 'FROM debian:bookworm-slim\nCMD ["sh", "-c", "trap \'kill $PID\' TERM; serve & PID=$!; wait"]\n',
      },
      { name: "a pipeline is another matter", code: 'FROM debian:bookworm-slim\nCMD ["sh", "-c", "serve | tee /tmp/log"]\n' },
      { name: "ends in a block", code: 'FROM debian:bookworm-slim\nCMD ["sh", "-c", "if [ -f x ]; then migrate; fi"]\n' },
      { name: "shell form is exec-form-cmd's matter", code: "FROM python:3.13-slim\nCMD alembic upgrade head && uvicorn app:app\n" },
    ],
    invalid: [
      {
        name: "migrations then the server, on a slim (Debian) base",
        code: 'FROM python:3.13-slim\nCMD ["sh", "-c", «"alembic upgrade head && uvicorn app:app --host 0.0.0.0"»]\n',
        errors: [{ messageId: "noExec" }],
        output: 'FROM python:3.13-slim\nCMD ["sh", "-c", "alembic upgrade head && exec uvicorn app:app --host 0.0.0.0"]\n',
      },
      {
        name: "ENTRYPOINT with /bin/sh and a semicolon list, on Ubuntu",
        code: 'FROM ubuntu:24.04\nENTRYPOINT ["/bin/sh", "-c", "cd /srv; ./server"]\n',
        errors: [{ messageId: "noExec", line: 2 }],
        output: 'FROM ubuntu:24.04\nENTRYPOINT ["/bin/sh", "-c", "cd /srv; exec ./server"]\n',
      },
      {
        name: "dash named explicitly, whatever the base",
        code: 'FROM registry.example.com/team/base:7\nCMD ["dash", "-c", "prepare && serve"]\n',
        errors: [{ messageId: "noExec", line: 2 }],
        output: 'FROM registry.example.com/team/base:7\nCMD ["dash", "-c", "prepare && exec serve"]\n',
      },
      {
        name: "escaped quotes in the JSON string: reported, no fix (offsets would not match)",
        code: 'FROM node:22-slim\nCMD ["sh", "-c", "npm run migrate && node server.js --name \\"api\\""]\n',
        errors: [{ messageId: "noExec", line: 2 }],
      },
    ],
  },
  { onbuild: { skip: "it reads CMD and ENTRYPOINT only" } },
);

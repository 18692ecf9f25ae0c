import { rule } from "../../../../server/src/engine/rules/dockerfile/from-arg-default-valid";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    { name: "quoted tag: quotes are removed after expansion", code: 'ARG ALPINE_TAG=3.22.1\nFROM alpine:"${ALPINE_TAG}" AS base\n' },
    { name: "quoted parts joined", code: 'ARG LINE=bookworm\nARG VARIANT=-slim\nFROM debian:"${LINE}${VARIANT}"\n' },
    "ARG TAG=latest\nFROM busybox:${TAG}\n",
    "ARG VARIANT\nFROM busybox:stable${VARIANT}\n",
    "ARG TAG\nFROM alpine:${TAG:-3.14}\n",
    "ARG base=scratch\nFROM $base\n",
    'ARG DEBUG=""\nFROM scratch${DEBUG-@bogus}\n',
    "FROM golang:1.23 AS build_amd64\nFROM build_${TARGETARCH} AS build\n",
    "ARG REGISTRY=ghcr.io/acme\nARG V=1.2\nFROM ${REGISTRY}/app:${V}\n",
    "FROM python:3.13-slim\n",
  ],
  invalid: [
    {
      name: "quoted and still empty",
      code: 'ARG TAG=\nFROM «alpine:"${TAG}"»\n',
      errors: [{ messageId: "invalid" }],
    },
    { code: "ARG TAG\nFROM «busybox:${TAG}»\n", errors: [{ messageId: "invalid" }] },
    { code: "ARG IMAGE\nFROM «${IMAGE}» AS base\n", errors: [{ messageId: "invalid" }] },
    { code: "ARG NAME=MyImage\nFROM «${NAME}:1.0»\n", errors: [{ messageId: "invalid" }] },
  ],
});

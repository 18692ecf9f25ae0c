#!/usr/bin/env node
"use strict";
// Any LSP client: `shipshape-language-server --stdio` (VS Code's client uses --node-ipc).
require("../dist/server/server.js");

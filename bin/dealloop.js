#!/usr/bin/env node
// The installed `dealloop` command: the TypeScript CLI, loaded through tsx.
require("tsx/cjs");
require("../src/cli/main.ts").runCli();

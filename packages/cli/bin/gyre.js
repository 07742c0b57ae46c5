#!/usr/bin/env node
import { register } from "tsx/esm/api";

// Gyre supports Node 20 today; the SDK's Node 22 notice would only add noise to every command.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
register();
await import("../src/main.ts");

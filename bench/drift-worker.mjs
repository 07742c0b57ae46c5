// Worker threads on Node 20 do not inherit tsx's loader; register it, then run the TypeScript.
import { register } from "tsx/esm/api";

register();
await import("./drift-read.ts");

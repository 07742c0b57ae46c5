// The local S3's thread starts here: TypeScript is loaded through tsx, as gyre-local does.
import { register } from "tsx/esm/api";

register();
await import("./thread-worker.ts");

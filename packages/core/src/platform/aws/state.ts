import { createDocumentClient } from "../state/client";
import type { AwsAdapter } from "./adapter";

export const state: AwsAdapter<"state"> = () => createDocumentClient();

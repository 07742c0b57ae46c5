import { outboxRelay } from "../shared/outbox";

export const { make, lambda } = outboxRelay("monitoring");

import { outboxRelay } from "../shared/outbox";

export const { make, handler } = outboxRelay("deployment");

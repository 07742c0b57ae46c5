export * from "./announcement";
export * from "./relay";
export * from "./write";

export { registerModelCommands } from "./models";

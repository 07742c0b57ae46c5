import * as Monitoring from "@gyre/core/monitoring/index";
import { type Make, onAws } from "../shared/handler";

/** The sweep: windows whose time is up close into reports; reports a crash left pending are finished. */
export const make: Make<() => Promise<void>> = (platform) => async () => {
  const closed = await Monitoring.closeDueWindows(platform);
  if (closed.length) console.log(JSON.stringify({ message: "windows closed", endpoints: closed }));
};

export const lambda = onAws(make);

import type { ResourceRequirements } from "@gyre/core/platform/jobs/port";
import type { Machine } from "./machine";

/** The machine's free vCPUs, memory and GPU indices; a job takes its share while an attempt runs. */
export class Slots {
  // Thousandths of a vCPU, so fractional requests (0.25) add up exactly.
  private freeMilliVcpus: number;
  private freeMemoryMiB: number;
  private readonly freeGpus: number[];

  constructor(readonly machine: Machine) {
    this.freeMilliVcpus = milli(machine.vcpus);
    this.freeMemoryMiB = machine.memoryMiB;
    this.freeGpus = Array.from({ length: machine.gpus }, (_, index) => index);
  }

  fits(needs: ResourceRequirements): boolean {
    return (
      milli(needs.vcpus) <= this.freeMilliVcpus &&
      needs.memoryMiB <= this.freeMemoryMiB &&
      needs.gpus <= this.freeGpus.length
    );
  }

  /** Takes the resources and returns the GPU indices assigned (lowest free first). */
  take(needs: ResourceRequirements): number[] {
    this.freeMilliVcpus -= milli(needs.vcpus);
    this.freeMemoryMiB -= needs.memoryMiB;
    return this.freeGpus.splice(0, needs.gpus);
  }

  release(needs: ResourceRequirements, gpus: number[]): void {
    this.freeMilliVcpus += milli(needs.vcpus);
    this.freeMemoryMiB += needs.memoryMiB;
    this.freeGpus.push(...gpus);
    this.freeGpus.sort((a, b) => a - b);
  }

  /** Why the job can never run on this machine, even when it is idle; undefined when it can. */
  shortfall(needs: ResourceRequirements): string | undefined {
    const { machine } = this;
    const problems = [
      needs.gpus > machine.gpus &&
        `needs ${count(needs.gpus, "GPU")}, this machine has ${machine.gpus}: set GYRE_LOCAL_GPUS or use queue cpu`,
      milli(needs.vcpus) > milli(machine.vcpus) &&
        `needs ${count(needs.vcpus, "vCPU")}, this machine has ${machine.vcpus}: set GYRE_LOCAL_VCPUS or ask for fewer vCPUs`,
      needs.memoryMiB > machine.memoryMiB &&
        `needs ${needs.memoryMiB} MiB of memory, this machine has ${machine.memoryMiB}: set GYRE_LOCAL_MEMORY_MIB or ask for less memory`,
    ].filter((problem): problem is string => typeof problem === "string");
    return problems.length > 0 ? problems.join("; ") : undefined;
  }
}

function milli(vcpus: number): number {
  return Math.round(vcpus * 1000);
}

function count(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

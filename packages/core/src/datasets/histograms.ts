import { type DataProfile, type HistogramBin, sketchHistogram } from "@gyre/profile/index";

export const HISTOGRAM_BINS = 20;

export type ProfileWithHistograms = Omit<DataProfile, "columns"> & {
  columns: (DataProfile["columns"][number] & { histogram?: HistogramBin[] })[];
};

/** Each numeric column gains equal-width bins read from its stored sketch, so a browser need not decode it. */
export function withHistograms(profile: DataProfile): ProfileWithHistograms {
  return {
    ...profile,
    columns: profile.columns.map((column) => {
      const numeric = column.sketch?.numeric;
      if (!numeric || column.min === undefined || column.max === undefined) return column;
      const range = { min: column.min, max: column.max };
      return { ...column, histogram: sketchHistogram(numeric, range, HISTOGRAM_BINS) };
    }),
  };
}

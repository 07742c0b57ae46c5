/** A conditional write that found its condition false: someone else wrote first, or it is stale. */
export function isConditionFailure(error: unknown): boolean {
  return (error as Error).name === "ConditionalCheckFailedException";
}

/** Runs a conditional write: true when it was applied, false when its condition failed. */
export async function conditional(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

type Item = Record<string, unknown>;

/** The table key of an item (every Gyre table has `pk`, `sk`). */
export const primaryKey = (item: Item) => ({ pk: item.pk, sk: item.sk });

/** The key of an item read through the generic index `gsi1`, for resuming a query on it. */
export const indexKey = (item: Item) => ({
  ...primaryKey(item),
  gsi1pk: item.gsi1pk,
  gsi1sk: item.gsi1sk,
});

/** A version number as a sort key that sorts as a number: 7 → `000000007`. */
export const sortableNumber = (n: number, width = 9) => String(n).padStart(width, "0");

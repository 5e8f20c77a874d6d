/** Returns the ids in their new order after moving one group one place up (-1) or down (+1). */
export function moveGroup(ids: readonly string[], index: number, step: -1 | 1): string[] {
  const target = index + step
  if (target < 0 || target >= ids.length) return [...ids]
  const moved = [...ids]
  ;[moved[index], moved[target]] = [moved[target] as string, moved[index] as string]
  return moved
}

/** Resolves once `condition` returns something truthy (checked every `everyMs`), or fails after `timeoutMs`. */
export async function until<T>(
  condition: () => Promise<T> | T,
  { timeoutMs = 20_000, everyMs = 50, what = 'condition' } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await condition()
    if (value) return value as NonNullable<T>
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
}

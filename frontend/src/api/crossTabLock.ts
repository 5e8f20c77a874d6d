/**
 * Runs `task` while holding a lock shared by every tab of this origin (the Web Locks API), so that
 * tabs take turns. Where the API is missing the task runs at once: the server's short grace period
 * for a just-rotated refresh token still keeps tabs that refresh together signed in.
 */
export function withCrossTabLock<T>(name: string, task: () => Promise<T>, locks: LockManager | undefined = webLocks()): Promise<T> {
  if (!locks) return task()
  return locks.request(name, task)
}

function webLocks(): LockManager | undefined {
  return typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : undefined
}

// Runs shutdown steps in order, and exits anyway with status 1 if they have not finished by a hard deadline.

/**
 * Closing is polite and may wait on peers (the close handshake) or on code that hangs. The deadline makes the
 * time from SIGTERM to exit bounded whatever happens, which is what an orchestrator counts on before it sends
 * SIGKILL. The timer is unref'd so it never keeps a process alive that is exiting on its own.
 */
export async function shutDownWithin(deadlineMs: number, steps: () => Promise<void>, exit: (code: number) => void): Promise<void> {
  const deadline = setTimeout(() => exit(1), deadlineMs);
  deadline.unref();
  try {
    await steps();
  } finally {
    clearTimeout(deadline);
  }
  exit(0);
}

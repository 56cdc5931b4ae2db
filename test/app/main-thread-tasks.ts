// Measures how long the page's main thread is busy at a time, from Chromium's own trace: every task
// the renderer's main thread ran, with its wall time and its thread (CPU) time. Thread time is what
// the page's code costs; wall time also counts waiting for a core, which on a shared machine can be
// several times more, so the tests assert on thread time and report both.
import type { CDPSession, Page } from 'playwright-core'

/** One task of the page's main thread, in milliseconds. */
export interface MainThreadTask {
  readonly wallMs: number
  readonly cpuMs: number
}

interface TraceEvent {
  readonly name: string
  readonly ph: string
  readonly pid: number
  readonly tid: number
  readonly dur?: number
  readonly tdur?: number
  readonly args?: { readonly name?: string }
}

/** A started trace of one page; `stop` returns the main thread's tasks since the start. */
export interface MainThreadTrace {
  stop(): Promise<MainThreadTask[]>
}

/**
 * Starts tracing the page's renderer. Tasks shorter than 1 ms are dropped (there are thousands).
 *
 * @example
 * ```ts
 * const trace = await traceMainThread(page)
 * await page.click('button')
 * const tasks = await trace.stop()
 * ```
 */
export async function traceMainThread(page: Page): Promise<MainThreadTrace> {
  const cdp: CDPSession = await page.context().newCDPSession(page)
  const events: TraceEvent[] = []
  cdp.on('Tracing.dataCollected', (data) => events.push(...(data.value as unknown as TraceEvent[])))
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] },
  })
  return {
    async stop() {
      const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()))
      await cdp.send('Tracing.end')
      await complete
      await cdp.detach()
      const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      if (!main) throw new Error('the trace has no renderer main thread')
      return events
        .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.name === 'RunTask')
        .map((e) => ({ wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? 0) / 1000 }))
        .filter((t) => t.wallMs >= 1)
    },
  }
}

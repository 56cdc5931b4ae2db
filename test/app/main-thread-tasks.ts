// Measures how long the page's main thread is busy at a time, from Chromium's own trace: every task
// the renderer's main thread ran, with its wall time and its thread (CPU) time. Thread time is what
// the page's code costs; wall time also counts waiting for a core, which on a shared machine can be
// several times more, so the tests assert on thread time and report both. `performance.mark()` calls
// of the page name the steps the tasks belong to.
import type { Page } from 'playwright-core'

/** One task of the page's main thread: when it started (ms on the trace's clock) and how long it took. */
export interface MainThreadTask {
  readonly startMs: number
  readonly wallMs: number
  readonly cpuMs: number
}

/** A `performance.mark()` of the page, on the trace's clock. */
export interface TraceMark {
  readonly name: string
  readonly ms: number
}

interface TraceEvent {
  readonly name: string
  readonly cat: string
  readonly ph: string
  readonly pid: number
  readonly tid: number
  readonly ts: number
  readonly dur?: number
  readonly tdur?: number
  readonly args?: { readonly name?: string }
}

/** A started trace of one page; `stop` returns the main thread's tasks and the page's marks. */
export interface MainThreadTrace {
  stop(): Promise<{ tasks: MainThreadTask[]; marks: TraceMark[] }>
}

/**
 * Starts tracing the page's renderer. Tasks shorter than 1 ms of wall time are dropped (there are
 * thousands).
 *
 * @example
 * ```ts
 * const trace = await traceMainThread(page)
 * await page.evaluate(() => performance.mark('click'))
 * await page.click('button')
 * const { tasks, marks } = await trace.stop()
 * ```
 */
export async function traceMainThread(page: Page): Promise<MainThreadTrace> {
  const cdp = await page.context().newCDPSession(page)
  const events: TraceEvent[] = []
  cdp.on('Tracing.dataCollected', (data) => events.push(...(data.value as unknown as TraceEvent[])))
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'],
    },
  })
  // Chromium runs more than one renderer process (each with a CrRendererMain thread): this mark says
  // which thread is the page's.
  const START = `trace-start-${Math.random().toString(36).slice(2)}`
  await page.evaluate((name) => performance.mark(name), START)
  return {
    async stop() {
      const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()))
      await cdp.send('Tracing.end')
      await complete
      await cdp.detach()
      const main = events.find((e) => e.cat.includes('blink.user_timing') && e.name === START)
      if (!main) throw new Error(`the trace has no mark "${START}": it did not record the page's main thread`)
      const tasks = events
        .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.name === 'RunTask')
        .map((e) => ({ startMs: e.ts / 1000, wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? 0) / 1000 }))
        .filter((t) => t.wallMs >= 1)
      // A mark is an instant event of the user timing category (its phase varies with the version).
      const marks = events
        .filter((e) => e.pid === main.pid && e.cat.includes('blink.user_timing') && e.ph !== 'M' && e.name !== START)
        .map((e) => ({ name: e.name, ms: e.ts / 1000 }))
      return { tasks, marks }
    },
  }
}

/**
 * The tasks between each mark and the next (the last mark's run to the end of the trace).
 *
 * @example
 * ```ts
 * tasksByMark(tasks, marks).get('read and compare') // MainThreadTask[]
 * ```
 */
export function tasksByMark(
  tasks: readonly MainThreadTask[],
  marks: readonly TraceMark[],
  names: readonly string[],
): Map<string, MainThreadTask[]> {
  const steps = names.map((name) => {
    const mark = marks.find((m) => m.name === name)
    if (!mark) throw new Error(`the trace has no mark "${name}" (marks: ${marks.map((m) => m.name).join(', ')})`)
    return { name, ms: mark.ms }
  })
  const byStep = new Map<string, MainThreadTask[]>(names.map((n) => [n, []]))
  for (const task of tasks) {
    const step = steps.filter((s) => s.ms <= task.startMs).at(-1)
    if (step) byStep.get(step.name)?.push(task)
  }
  return byStep
}

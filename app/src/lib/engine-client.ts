// The page's side of the engine: each method call is posted to the engine's Web Worker and answered
// by a promise. Where a browser has no Workers, or the worker cannot start, the same engine runs in
// the page instead (loaded on demand): slower for large schemas, but the app works the same.
import type { Engine } from './engine.js'
import type { EngineAnswer, EngineCall } from './engine-protocol.js'

/**
 * An object's methods as asynchronous calls.
 *
 * @example
 * ```ts
 * const info = await (engine as Remote<Engine>).load(text)
 * ```
 */
export type Remote<T> = {
  readonly [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never
}

/**
 * Where the engine runs: starting, in its worker, or in the page.
 *
 * @example
 * ```ts
 * connectEngine((where) => console.log(where)) // 'worker'
 * ```
 */
export type EngineLocation = 'starting' | 'worker' | 'page'

// Every method of the engine; the type check fails when one is missing.
const METHODS = [
  'load',
  'loadSql',
  'loadFolder',
  'documentText',
  'release',
  'analyze',
  'sideBySide',
  'diagram',
  'report',
  'historyPersistent',
  'historyNames',
  'historyVersions',
  'historySave',
  'historyOpen',
] as const satisfies readonly (keyof Engine)[]
type Missing = Exclude<keyof Engine, (typeof METHODS)[number]>
const everyMethod: Missing extends never ? true : Missing = true
void everyMethod

type Pending = { resolve(value: unknown): void; reject(error: Error): void; progress?: (report: unknown) => void }

/**
 * Starts the engine in a Web Worker (or, failing that, in the page) and returns its methods as
 * promises. `onLocation` hears where it ended up.
 *
 * @example
 * ```ts
 * const engine = connectEngine()
 * const info = await engine.load(text)
 * ```
 */
export function connectEngine(onLocation: (where: EngineLocation) => void = () => {}): Remote<Engine> {
  let worker: Worker | undefined
  let ready = false
  let local: Promise<Engine> | undefined
  let nextId = 1
  const queued: EngineCall[] = []
  const pending = new Map<number, Pending>()

  // Calls made before the fallback (queued for a worker that never started) run in order after it.
  function runInPage(calls: readonly EngineCall[]) {
    local ??= import('./engine.js').then(({ createEngine }) => createEngine())
    for (const call of calls) {
      const waiting = pending.get(call.id)
      pending.delete(call.id)
      const args = call.progress ? [...call.args, (report: unknown) => waiting?.progress?.(report)] : call.args
      void local
        .then((engine) => (engine[call.method] as (...args: readonly unknown[]) => unknown)(...args))
        .then(waiting?.resolve, (e: unknown) => waiting?.reject(e instanceof Error ? e : new Error(String(e))))
    }
  }

  function fallBack() {
    worker?.terminate()
    worker = undefined
    onLocation('page')
    runInPage(queued.splice(0))
  }

  function start() {
    if (typeof Worker === 'undefined') return fallBack()
    try {
      worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' })
    } catch {
      return fallBack()
    }
    worker.addEventListener('message', (event: MessageEvent<EngineAnswer>) => {
      const answer = event.data
      if ('progress' in answer) {
        pending.get(answer.id)?.progress?.(answer.progress)
        return
      }
      if ('ready' in answer) {
        ready = true
        onLocation('worker')
        for (const call of queued.splice(0)) worker?.postMessage(call)
        return
      }
      const waiting = pending.get(answer.id)
      pending.delete(answer.id)
      if (answer.ok) waiting?.resolve(answer.value)
      else waiting?.reject(new Error(answer.error))
    })
    worker.addEventListener('error', (event) => {
      // A worker that cannot start (no module workers, a blocked script): run in the page instead.
      if (!ready) {
        event.preventDefault()
        return fallBack()
      }
      const error = new Error(`the engine stopped: ${event.message || 'unknown error'}`)
      for (const waiting of pending.values()) waiting.reject(error)
      pending.clear()
    })
  }

  function call(method: keyof Engine, args: readonly unknown[]): Promise<unknown> {
    if (!worker && !local) start()
    // A function cannot be posted: a progress callback (always the last argument) stays here and
    // hears the reports the worker posts for this call.
    const last = args.at(-1)
    const progress = typeof last === 'function' ? (last as (report: unknown) => void) : undefined
    const message: EngineCall = progress
      ? { id: nextId++, method, args: args.slice(0, -1), progress: true }
      : { id: nextId++, method, args }
    const answer = new Promise<unknown>((resolve, reject) =>
      pending.set(message.id, { resolve, reject, ...(progress ? { progress } : {}) }),
    )
    if (local) runInPage([message])
    else if (ready) worker?.postMessage(message)
    else queued.push(message)
    return answer
  }

  return Object.fromEntries(
    METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)]),
  ) as unknown as Remote<Engine>
}

// The messages between the page and the engine's worker: a call by method name, and its answer.
import type { Engine } from './engine.js'

/**
 * A call of one engine method, numbered so that its answer finds it.
 *
 * @example
 * ```ts
 * const call: EngineCall = { id: 1, method: 'load', args: ['{"metadata": {"tables": []}}'] }
 * ```
 */
export interface EngineCall {
  readonly id: number
  readonly method: keyof Engine
  readonly args: readonly unknown[]
  /** The method's last argument is a progress callback: the worker posts each call of it. */
  readonly progress?: boolean
}

/**
 * What the worker posts: `ready` once it has started, then for a call any progress it tells and one
 * answer (its value, or the message of what it threw).
 *
 * @example
 * ```ts
 * const answer: EngineAnswer = { id: 1, ok: false, error: 'document 3 is not loaded' }
 * ```
 */
export type EngineAnswer =
  | { readonly ready: true }
  | { readonly id: number; readonly progress: unknown }
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string }

/**
 * Answers calls on an engine; async methods (the history, SQL) answer when they finish. A call that
 * asks for progress gets a callback as its last argument, which hands each report to `post`.
 *
 * @example
 * ```ts
 * const answer = await answerCall(createEngine(), { id: 1, method: 'historyNames', args: [] }, post)
 * ```
 */
export async function answerCall(
  engine: Engine,
  call: EngineCall,
  post: (answer: EngineAnswer) => void = () => {},
): Promise<EngineAnswer> {
  try {
    const method = engine[call.method] as (...args: readonly unknown[]) => unknown
    const args = call.progress ? [...call.args, (progress: unknown) => post({ id: call.id, progress })] : call.args
    return { id: call.id, ok: true, value: await method(...args) }
  } catch (error) {
    return { id: call.id, ok: false, error: error instanceof Error ? error.message : String(error) }
  }
}

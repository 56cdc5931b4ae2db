// The engine's Web Worker: the library's work for the page runs here, so the page stays responsive.
import { createEngine } from './engine.js'
import { answerCall, type EngineAnswer, type EngineCall } from './engine-protocol.js'

// The app's TypeScript sees the DOM's window; in a dedicated worker `self` is the worker's scope.
const scope = self as unknown as {
  postMessage(answer: EngineAnswer): void
  addEventListener(type: 'message', listener: (event: MessageEvent<EngineCall>) => void): void
}

const engine = createEngine()
scope.addEventListener('message', (event) => {
  void answerCall(engine, event.data, (progress) => scope.postMessage(progress)).then((answer) =>
    scope.postMessage(answer),
  )
})
scope.postMessage({ ready: true })

// One prerendered shell; the app renders in the browser only (it needs IndexedDB, Web Crypto, files).
export const prerender = true
export const ssr = false

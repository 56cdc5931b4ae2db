// The web app is a prerendered single page (adapter-static, no server): everything runs in the browser.
import adapter from '@sveltejs/adapter-static'
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte'

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ pages: 'build', assets: 'build', fallback: undefined, precompress: false, strict: true }),
    // Relative asset paths: the build works from any directory of any static server.
    paths: { relative: true },
    // The library's entries the app uses, straight from their source (sources' engines: see vite.config.ts): no build of the library is needed
    // first. Subpaths come first so that the bare name does not swallow them as a prefix.
    alias: {
      ...Object.fromEntries(
        ['codegen', 'format', 'impact', 'sources', 'sql', 'visual'].map((entry) => [
          `schemaledger/${entry}`,
          `../src/${entry}/index.ts`,
        ]),
      ),
      schemaledger: '../src/index.ts',
    },
  },
}

// Writes config-schema.json (the JSON Schema of schemaledger.config.json, for editors) from the one
// description the CLI validates config files with (src/cli/config/config-description.ts). The bin
// bundles that file, so it is bundled here in memory with esbuild rather than read from dist/.
// test/cli/config.test.ts fails when the file is stale.
import { writeFileSync } from 'node:fs'
import { build } from 'esbuild'

const { outputFiles } = await build({
  entryPoints: [new URL('../src/cli/config/config-description.ts', import.meta.url).pathname],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'neutral',
  logLevel: 'error',
})
const code = outputFiles[0].text
const { configJsonSchema } = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)
writeFileSync(new URL('../config-schema.json', import.meta.url), `${JSON.stringify(configJsonSchema(), null, 2)}\n`)

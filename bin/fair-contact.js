#!/usr/bin/env node
// The `fair-contact` command. TypeScript runs through tsx's loader, so there is no build step to forget.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/cli.ts')
const code = await main(process.argv.slice(2))
// `serve` keeps running until a signal; every other command ends here.
if (code !== 0) process.exitCode = code

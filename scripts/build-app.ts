/**
 * `npm run build` as a function, for the scripts, benches and tests that need a current build:
 * electron-vite (main, preload, renderer into out/), then the host's first-frame pre-render
 * (out/first-frame). One place, so no caller forgets a step.
 */
import { execFileSync } from 'node:child_process'
import { basename, join } from 'node:path'

/** A build step failed; `step` names it, and the message holds its output when that was captured. */
export class BuildFailedError extends Error {
  override readonly name = 'BuildFailedError'
  constructor(
    readonly step: string,
    output: string,
    options: ErrorOptions,
  ) {
    super(`Build step failed: ${step}\n${output}`, options)
  }
}

/** Build everything under `root`; throws a BuildFailedError with the failing step's output. */
export function buildApp(root: string, options: { inheritOutput?: boolean } = {}): void {
  const steps: ReadonlyArray<[string, ReadonlyArray<string>]> = [
    [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), ['build']],
    [
      join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      ['build', '-c', 'first-frame.vite.config.ts', '--logLevel', 'warn'],
    ],
  ]
  for (const [script, args] of steps) {
    try {
      execFileSync(process.execPath, [script, ...args], {
        cwd: root,
        // A production build whoever calls: vitest sets NODE_ENV=test, which would make Vite
        // compile JSX for React's development build.
        env: { ...process.env, NODE_ENV: 'production' },
        stdio: options.inheritOutput === true ? 'inherit' : 'pipe',
      })
    } catch (error) {
      const output = (error as { stderr?: Buffer }).stderr?.toString() ?? ''
      throw new BuildFailedError(`${basename(script, '.js')} ${args.join(' ')}`, output, { cause: error })
    }
  }
}

import { randomBytes } from 'node:crypto'

// Temporary files are named `.tmp-<pid>-<random>`: the leading dot can never be a key (keys reject
// dot segments), so listings skip them, and the pid lets cleanup spare files of live processes.

const TEMP_PREFIX = '.tmp-'
const TEMP_NAME = /^\.tmp-(\d+)-[0-9a-f]+$/

/** A fresh temporary file name for this process. @internal */
export function tempFileName(): string {
  return `${TEMP_PREFIX}${process.pid}-${randomBytes(8).toString('hex')}`
}

/** Whether a directory entry is one of our temporary files. @internal */
export function isTempFileName(name: string): boolean {
  return name.startsWith(TEMP_PREFIX)
}

/** The pid that wrote a temporary file, when its name carries one. @internal */
export function tempFileOwner(name: string): number | undefined {
  const pid = TEMP_NAME.exec(name)?.[1]
  return pid === undefined ? undefined : Number(pid)
}

/** Whether a process with this pid is running on this machine (`EPERM` means it is, as another user). @internal */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

// The body of an import-parser thread (import-parser.node.ts): one job in, one outcome out.
import { parentPort } from 'node:worker_threads'
import { analyseFile, type ParseJob } from './analyse-file.ts'

parentPort?.on('message', (job: ParseJob) => {
  try {
    parentPort?.postMessage({ outcome: analyseFile(job) })
  } catch (error) {
    // Only the error's name crosses: its message could quote the file.
    parentPort?.postMessage({ failure: error instanceof Error ? error.name : 'unknown' })
  }
})

// WEB_CONCURRENCY: how many serving processes the Node server runs (decision 0024).
import { availableParallelism } from 'node:os'
import { describe, expect, it } from 'vitest'
import { readNodeConfig } from '../../worker/node-config.ts'

describe('WEB_CONCURRENCY', () => {
  it('defaults to one worker per available core', () => {
    expect(readNodeConfig({}).workers).toBe(Math.min(64, availableParallelism()))
  })

  it('takes a whole number from 1, where 1 is a single process', () => {
    expect(readNodeConfig({ WEB_CONCURRENCY: '1' }).workers).toBe(1)
    expect(readNodeConfig({ WEB_CONCURRENCY: '3' }).workers).toBe(3)
  })

  it.each([
    ['0', 'must be at least 1'],
    ['two', 'must be a whole number'],
    ['1.5', 'must be a whole number'],
    ['65', 'must be at most 64'],
  ])('refuses %s, naming the variable', (value, message) => {
    expect(() => readNodeConfig({ WEB_CONCURRENCY: value })).toThrow(`WEB_CONCURRENCY: ${message}`)
  })
})

import { sha256 } from '@oslojs/crypto/sha2'
import { encodeHexLowerCase } from '@oslojs/encoding'
import { describe, expect, it } from 'vitest'
import { hashClientAddress } from '../../db/audit/append-audit.ts'
import { canonicalAuditContent, computeAuditHash, GENESIS_HASH, type AuditContent } from '../../db/audit/audit-chain.ts'

const entry: AuditContent = {
  seq: 7,
  at: new Date('2026-11-24T03:00:00.123Z'),
  actorId: 'u-1',
  actorRole: 'province_officer',
  action: 'person.read',
  entityType: 'person',
  entityId: 'p-42',
  provinceCode: null,
  outcome: 'success',
  requestId: 'req-1',
  clientHash: 'a'.repeat(64),
  details: '{"fields":"status"}',
  prevHash: 'b'.repeat(64),
}

const changed: { [K in keyof AuditContent]: AuditContent[K] } = {
  seq: 8,
  at: new Date('2026-11-24T03:00:00.124Z'),
  actorId: 'u-2',
  actorRole: 'province_admin',
  action: 'person.update',
  entityType: 'case',
  entityId: 'p-43',
  provinceCode: '82',
  outcome: 'failure',
  requestId: 'req-2',
  clientHash: 'c'.repeat(64),
  details: '{"fields":"phase"}',
  prevHash: 'd'.repeat(64),
}

const sha = (text: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(text)))

describe('canonical audit content', () => {
  it('is a fixed-order JSON array with time in ms and explicit nulls', () => {
    expect(JSON.parse(canonicalAuditContent(entry))).toEqual([
      'audit.v1',
      7,
      1795489200123,
      'u-1',
      'province_officer',
      'person.read',
      'person',
      'p-42',
      null,
      'success',
      'req-1',
      'a'.repeat(64),
      '{"fields":"status"}',
      'b'.repeat(64),
    ])
  })

  it('is deterministic: the same entry, a Date or its ms, and any key order give the same text', () => {
    const reordered = Object.fromEntries(Object.entries(entry).reverse()) as unknown as AuditContent
    expect(canonicalAuditContent(reordered)).toBe(canonicalAuditContent(entry))
    expect(canonicalAuditContent({ ...entry, at: 1795489200123 })).toBe(canonicalAuditContent(entry))
  })

  it('tells null apart from an empty string and an invalid date apart from a real one', () => {
    expect(canonicalAuditContent({ ...entry, actorId: '' })).not.toBe(canonicalAuditContent({ ...entry, actorId: null }))
    expect(canonicalAuditContent({ ...entry, at: Number.NaN })).not.toBe(canonicalAuditContent(entry))
  })

  it.each(Object.keys(changed) as (keyof AuditContent)[])('changes when %s changes', (field) => {
    const base = computeAuditHash(entry.prevHash, canonicalAuditContent(entry))
    const other = { ...entry, [field]: changed[field] }
    expect(computeAuditHash(entry.prevHash, canonicalAuditContent(other))).not.toBe(base)
  })

  it('keeps values from bleeding into each other (a comma inside a field is not a new field)', () => {
    const a = canonicalAuditContent({ ...entry, actorId: 'x","y', actorRole: null })
    const b = canonicalAuditContent({ ...entry, actorId: 'x', actorRole: 'y' })
    expect(a).not.toBe(b)
  })
})

describe('computeAuditHash', () => {
  it('is the hex SHA-256 of prevHash, a newline and the content', () => {
    const content = canonicalAuditContent(entry)
    const hash = computeAuditHash(entry.prevHash, content)
    expect(hash).toMatch(/^[0-9a-f]{64}$/)
    expect(hash).toBe(sha(`${entry.prevHash}\n${content}`))
    expect(computeAuditHash(GENESIS_HASH, content)).not.toBe(hash)
  })

  it('matches a known SHA-256 vector', () => {
    // SHA-256("abc"): FIPS 180-2 appendix B.1. Here prevHash "ab" + "\n" + "c" is not "abc", so check the primitive directly.
    expect(sha('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(computeAuditHash('', 'abc')).toBe(sha('\nabc'))
  })

  it('starts the chain from 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64))
  })
})

describe('hashClientAddress', () => {
  it('is the hex SHA-256 of salt + address, normalised, and differs by salt', () => {
    expect(hashClientAddress('2001:DB8::1 ', 'pepper')).toBe(sha('pepper2001:db8::1'))
    expect(hashClientAddress('203.0.113.9', 'pepper')).not.toBe(hashClientAddress('203.0.113.9', 'salt'))
    expect(hashClientAddress('203.0.113.9', 'pepper')).not.toContain('203')
  })

  it('gives null without an address and refuses an empty salt', () => {
    expect(hashClientAddress(null, 'pepper')).toBeNull()
    expect(hashClientAddress('', 'pepper')).toBeNull()
    expect(hashClientAddress('  ', 'pepper')).toBeNull()
    expect(() => hashClientAddress('203.0.113.9', '')).toThrow(/salt/)
  })
})

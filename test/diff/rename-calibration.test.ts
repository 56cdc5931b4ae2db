import { readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DEFAULT_RENAME_THRESHOLD } from '../../src/diff/rename-score.js'
import { CALIBRATION_CASES } from './rename-calibration/cases.js'
import { measure, precision, recall } from './rename-calibration/measure.js'
import {
  chooseThreshold,
  END,
  renderCalibration,
  START,
  SWEEP,
  TARGET_PRECISION,
  TARGET_RECALL,
} from './rename-calibration/render.js'

// Rename inference measured on the calibration set (issue 23). The figures in docs/diff.md come from
// here: the test fails when they are stale; SCHEMALEDGER_WRITE_DOCS=1 rewrites them.

const doc = new URL('../../docs/diff.md', import.meta.url)

describe('rename calibration', () => {
  const atDefault = measure(CALIBRATION_CASES)
  const sweep = SWEEP.map((threshold) => ({ threshold, total: measure(CALIBRATION_CASES, threshold).total }))

  it('has at least 200 cases, with and without renames, every pattern on both sides', () => {
    expect(CALIBRATION_CASES.length).toBeGreaterThanOrEqual(200)
    expect(CALIBRATION_CASES.filter((c) => c.expected.length === 0).length).toBeGreaterThanOrEqual(80)
    expect(new Set(CALIBRATION_CASES.map((c) => c.name)).size).toBe(CALIBRATION_CASES.length)
  })

  it(`applies renames at the default threshold with precision >= ${TARGET_PRECISION} and recall >= ${TARGET_RECALL}`, () => {
    expect(precision(atDefault.total)).toBeGreaterThanOrEqual(TARGET_PRECISION)
    expect(recall(atDefault.total)).toBeGreaterThanOrEqual(TARGET_RECALL)
  })

  it('has the default threshold the data chooses', () => {
    expect(chooseThreshold(sweep)).toBe(DEFAULT_RENAME_THRESHOLD)
  })

  it('matches the figures in docs/diff.md', () => {
    const text = readFileSync(doc, 'utf8')
    const [start, end] = [text.indexOf(START), text.indexOf(END)]
    const rendered = renderCalibration(CALIBRATION_CASES, DEFAULT_RENAME_THRESHOLD, atDefault, sweep)
    if (process.env.SCHEMALEDGER_WRITE_DOCS === '1' && start >= 0 && end > start) {
      writeFileSync(doc, text.slice(0, start) + rendered + text.slice(end + END.length))
      return
    }
    expect(start, `docs/diff.md has no ${START} marker`).toBeGreaterThanOrEqual(0)
    expect(text.slice(start, end + END.length)).toBe(rendered)
  })
})

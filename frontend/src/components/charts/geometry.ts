// Where things go in a chart's SVG: scales from d3-scale (docs/decisions/0012-charts-hand-drawn-svg-with-d3-scale.md),
// paths and ticks computed here so the components only draw.

import { scaleLinear } from 'd3-scale'

// Small enough that 12px text stays readable when the chart takes half a page.
export const WIDTH = 400
export const HEIGHT = 220
export const MARGIN = { top: 10, right: 10, bottom: 26, left: 40 }
const MAX_X_TICKS = 6

export interface Plot {
  x: (index: number) => number
  y: (percent: number) => number
  yTicks: number[]
  xTicks: number[]
}

/** Scales of a chart of `count` points along x and percentages (0-100) along y. */
export function percentPlot(count: number): Plot {
  // One point sits in the middle rather than on the left edge.
  const x = scaleLinear()
    .domain(count > 1 ? [0, count - 1] : [-1, 1])
    .range([MARGIN.left, WIDTH - MARGIN.right])
  const y = scaleLinear().domain([0, 100]).range([HEIGHT - MARGIN.bottom, MARGIN.top])
  return { x: (index) => x(index), y: (percent) => y(percent), yTicks: y.ticks(5), xTicks: xTickIndexes(count) }
}

/** At most MAX_X_TICKS indexes, evenly spread, the first and the last included. */
export function xTickIndexes(count: number, most: number = MAX_X_TICKS): number[] {
  if (count <= most) return Array.from({ length: count }, (_, index) => index)
  const step = (count - 1) / (most - 1)
  return Array.from({ length: most }, (_, n) => Math.round(n * step))
}

/** How an x label sits on its tick: the first and the last inside the plot's edges. */
export function xLabelAnchor(index: number, count: number): 'start' | 'middle' | 'end' {
  if (count < 2) return 'middle'
  if (index === 0) return 'start'
  return index === count - 1 ? 'end' : 'middle'
}

/** An SVG path through the values; a missing value (null) breaks the line. */
export function linePath(values: (number | null)[], plot: Plot): string {
  let path = ''
  let drawing = false
  values.forEach((value, index) => {
    if (value === null) {
      drawing = false
      return
    }
    path += `${drawing ? 'L' : 'M'}${round(plot.x(index))},${round(plot.y(value))}`
    drawing = true
  })
  return path
}

function round(coordinate: number): string {
  return coordinate.toFixed(1)
}

export interface Segment<K> {
  key: K
  count: number
  /** Where the segment starts and how wide it is, in percent of the bar. */
  offset: number
  width: number
}

/** The non-empty parts of a stacked bar, in the order given. */
export function stackSegments<K>(parts: { key: K; count: number }[]): Segment<K>[] {
  const total = parts.reduce((sum, part) => sum + part.count, 0)
  if (total === 0) return []
  const scale = scaleLinear().domain([0, total]).range([0, 100])
  const segments: Segment<K>[] = []
  let start = 0
  for (const part of parts) {
    if (part.count > 0) segments.push({ key: part.key, count: part.count, offset: scale(start), width: scale(part.count) })
    start += part.count
  }
  return segments
}

import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { ProgressBar } from './ProgressBar'

describe('ProgressBar', () => {
  it('exposes its value to assistive technology with one decimal', () => {
    render(<ProgressBar percent={42.25} label="Suite progress" />)
    const bar = screen.getByRole('progressbar', { name: 'Suite progress' })
    expect(bar).toHaveAttribute('aria-valuenow', '42.25')
    expect(bar).toHaveAttribute('aria-valuetext', '42.3%')
    expect(screen.getByText('42.3%')).toBeInTheDocument()
  })

  it('keeps the bar within 0-100', () => {
    render(<ProgressBar percent={140} label="Over" />)
    expect(screen.getByRole('progressbar', { name: 'Over' })).toHaveAttribute('aria-valuenow', '100')
  })
})

import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { CaseStatusBadge, DelayBadge, PriorityBadge, SuiteStatusBadge } from './Badges'
import { LanguageSwitcher } from './LanguageSwitcher'

describe('the language switcher', () => {
  it('switches every text, sets <html lang> and remembers the choice in this browser only', async () => {
    render(
      <>
        <LanguageSwitcher />
        <CaseStatusBadge status="REVIEW_WAITING" />
      </>,
    )
    expect(document.documentElement.lang).toBe('en')
    expect(screen.getByText('Waiting for review')).toBeInTheDocument()

    await userEvent.selectOptions(screen.getByLabelText('Language'), '日本語')

    expect(screen.getByLabelText('言語')).toHaveValue('ja')
    expect(screen.getByText('レビュー待ち')).toBeInTheDocument()
    expect(document.documentElement.lang).toBe('ja')
    expect(document.title).toBe('テスト管理')
    expect(window.localStorage.getItem('tcm.language')).toBe('ja')
    expect(document.cookie).toBe('')
  })
})

describe('the domain words', () => {
  it('read as a Japanese QA team writes them', async () => {
    render(
      <>
        <LanguageSwitcher />
        <SuiteStatusBadge status="IN_PROGRESS" />
        <CaseStatusBadge status="CREATED" />
        <CaseStatusBadge status="FIXING" />
        <PriorityBadge priority="HIGH" />
        <DelayBadge isDelayed delayDays={2} timeZone="Asia/Tokyo" />
      </>,
    )
    await userEvent.selectOptions(screen.getByLabelText('Language'), 'ja')

    expect(screen.getByText('実施中')).toBeInTheDocument()
    expect(screen.getByText('未着手')).toBeInTheDocument()
    expect(screen.getByText('修正中')).toBeInTheDocument()
    expect(screen.getByText('高')).toBeInTheDocument()
    expect(screen.getByText('2 日遅延（Asia/Tokyo）')).toHaveAttribute('title', 'スイートの終了予定日を過ぎた日数（Asia/Tokyo で計算）')
  })

  it('count one day and more days in English', () => {
    render(
      <>
        <DelayBadge isDelayed delayDays={1} timeZone="UTC" />
        <DelayBadge isDelayed delayDays={3} timeZone="UTC" />
      </>,
    )
    expect(screen.getByText('Delayed 1 day (UTC)')).toBeInTheDocument()
    expect(screen.getByText('Delayed 3 days (UTC)')).toBeInTheDocument()
  })
})

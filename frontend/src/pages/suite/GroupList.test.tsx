import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { fakeGraphQL } from '../../test/fakeGraphQL'
import { renderWithApi, variablesOf } from '../../test/renderWithApi'
import { GroupList } from './GroupList'
import type { GroupDetail } from './types'

function group(id: string, displayOrder: number): GroupDetail {
  return { id, name: `Group ${id}`, description: null, displayOrder, progress: 0, caseCount: 0, version: 1, cases: [] }
}

const groups = [group('a', 0), group('b', 1), group('c', 2)]

describe('GroupList', () => {
  it('sends the whole new order when a manager moves a group', async () => {
    const server = fakeGraphQL({ ReorderGroups: () => ({ data: { reorderGroups: [] } }) })
    renderWithApi(<GroupList suiteId="s1" groups={groups} timeZone="Asia/Tokyo" manage onReload={vi.fn()} />, server)

    expect(screen.getByRole('button', { name: 'Move group Group a up' })).toBeDisabled()
    await userEvent.click(screen.getByRole('button', { name: 'Move group Group c up' }))

    expect(variablesOf(server, 'ReorderGroups')).toEqual({ suiteId: 's1', groupIds: ['a', 'c', 'b'] })
  })

  it('gives a tester the groups without any editing controls', () => {
    renderWithApi(<GroupList suiteId="s1" groups={groups} timeZone="Asia/Tokyo" manage={false} onReload={vi.fn()} />, fakeGraphQL({}), { role: 'TESTER' })

    expect(screen.getAllByRole('heading').map((heading) => heading.textContent)).toEqual(['Group a', 'Group b', 'Group c'])
    expect(screen.queryAllByRole('button')).toEqual([])
  })
})

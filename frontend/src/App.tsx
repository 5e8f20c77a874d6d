import { Route, Routes } from 'react-router'
import { RequireAuth } from './auth/RequireAuth'
import { AppLayout } from './components/AppLayout'
import { EmptyState } from './components/EmptyState'
import { AccountPage } from './pages/account/AccountPage'
import { CasePage } from './pages/case/CasePage'
import { DashboardPage } from './pages/dashboard/DashboardPage'
import { LoginPage } from './pages/LoginPage'
import { SuitePage } from './pages/suite/SuitePage'
import { UsersPage } from './pages/users/UsersPage'

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<DashboardPage />} />
        <Route path="suites/:suiteId" element={<SuitePage />} />
        <Route path="cases/:caseId" element={<CasePage />} />
        <Route path="users" element={<UsersPage />} />
        <Route path="account" element={<AccountPage />} />
        <Route path="*" element={<EmptyState title="There is no page here.">Use the navigation above.</EmptyState>} />
      </Route>
    </Routes>
  )
}

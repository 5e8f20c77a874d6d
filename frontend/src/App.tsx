import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { Route, Routes } from 'react-router'
import { RequireAuth } from './auth/RequireAuth'
import { AppLayout } from './components/AppLayout'
import { EmptyState } from './components/EmptyState'
import { Loading } from './components/Loading'
import { AccountPage } from './pages/account/AccountPage'
import { CasePage } from './pages/case/CasePage'
import { DashboardPage } from './pages/dashboard/DashboardPage'
import { LoginPage } from './pages/LoginPage'
import { SuitePage } from './pages/suite/SuitePage'
import { UsersPage } from './pages/users/UsersPage'

// The execution view loads on demand: the first page's JavaScript stays under its budget (frontend/README.md).
const RunPage = lazy(() => import('./pages/runs/RunPage').then((module) => ({ default: module.RunPage })))

/** Every page; switching the language renders them all again (helpers read the catalogues at render). */
export function App() {
  const { t } = useTranslation()
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
        <Route
          path="runs/:runId"
          element={
            <Suspense fallback={<Loading label={t('runs.loadingRun')} />}>
              <RunPage />
            </Suspense>
          }
        />
        <Route path="users" element={<UsersPage />} />
        <Route path="account" element={<AccountPage />} />
        <Route path="*" element={<EmptyState title={t('app.notFoundTitle')}>{t('app.notFoundHint')}</EmptyState>} />
      </Route>
    </Routes>
  )
}

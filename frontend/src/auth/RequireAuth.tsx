import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate, useLocation } from 'react-router'
import { Loading } from '../components/Loading'
import { useAuth } from './authContext'

/** Renders its children for a signed-in user; otherwise sends them to Login, remembering where they were. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state } = useAuth()
  const location = useLocation()
  const { t } = useTranslation()
  if (state.status === 'checking') return <Loading label={t('auth.checkingSession')} />
  if (state.status === 'anonymous') {
    const next = encodeURIComponent(location.pathname + location.search)
    return <Navigate to={`/login?next=${next}`} replace />
  }
  return children
}

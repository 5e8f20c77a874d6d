import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { useMutation, useQuery } from 'urql'
import { ACCOUNT_CONTEXT, REVOKES_SESSION } from '../../api/cacheContexts'
import { describeError } from '../../api/graphqlErrors'
import { useAuth } from '../../auth/authContext'
import { ConfirmedAction } from '../../components/ConfirmedAction'
import { ErrorMessage } from '../../components/ErrorMessage'
import { Loading } from '../../components/Loading'
import { formatDateTime } from '../../format'
import { describeUserAgent } from '../../userAgent'
import { MySessionsDocument, RevokeSessionDocument } from '../../gql/graphql'

/** The browsers signed in as me; any other one can be signed out from here. */
export function Sessions() {
  const [{ data, fetching, error }] = useQuery({ query: MySessionsDocument, context: ACCOUNT_CONTEXT })
  const [revoked, revokeSession] = useMutation(RevokeSessionDocument)
  const { logout } = useAuth()
  const navigate = useNavigate()
  const { t } = useTranslation()

  async function signOutHere() {
    await logout()
    void navigate('/login', { replace: true })
  }

  return (
    <section className="section card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('account.sessions')}</h2>
      <ErrorMessage message={describeError(error ?? revoked.error)} />
      {!data && fetching && <Loading label={t('account.loadingSessions')} />}
      {data?.mySessions.length === 0 && <p className="muted">{t('account.noSessions')}</p>}
      <ul className="plain-list">
        {[...(data?.mySessions ?? [])].sort((a, b) => Number(b.current) - Number(a.current)).map((session) => (
          <li key={session.id} className="list-row">
            <div>
              <strong title={session.userAgent ?? undefined}>{describeUserAgent(session.userAgent)}</strong>{' '}
              {session.current && <span className="badge">{t('account.thisBrowser')}</span>}
              <p className="meta">
                <span>{t('account.signedIn', { when: formatDateTime(session.createdAt) })}</span>
                <span>{session.lastUsedAt ? t('account.lastActive', { when: formatDateTime(session.lastUsedAt) }) : t('account.notUsedSince')}</span>
                <span>{t('account.expires', { when: formatDateTime(session.expiresAt) })}</span>
              </p>
            </div>
            {session.current ? (
              <button type="button" onClick={() => void signOutHere()}>
                {t('account.signOutHere')}
              </button>
            ) : (
              <ConfirmedAction
                label={t('account.signOut')}
                ariaLabel={t('account.signOutSessionLabel', { when: formatDateTime(session.createdAt) })}
                title={t('account.signOutSessionTitle')}
                message={t('account.signOutSessionMessage')}
                confirmLabel={t('account.signItOut')}
                onConfirm={() => revokeSession({ id: session.id }, REVOKES_SESSION)}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}

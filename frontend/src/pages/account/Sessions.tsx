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

  async function signOutHere() {
    await logout()
    void navigate('/login', { replace: true })
  }

  return (
    <section className="section card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Signed-in sessions</h2>
      <ErrorMessage message={describeError(error ?? revoked.error)} />
      {!data && fetching && <Loading label="Loading sessions" />}
      {data?.mySessions.length === 0 && <p className="muted">No sessions.</p>}
      <ul className="plain-list">
        {[...(data?.mySessions ?? [])].sort((a, b) => Number(b.current) - Number(a.current)).map((session) => (
          <li key={session.id} className="list-row">
            <div>
              <strong title={session.userAgent ?? undefined}>{describeUserAgent(session.userAgent)}</strong>{' '}
              {session.current && <span className="badge">this browser</span>}
              <p className="meta">
                <span>Signed in {formatDateTime(session.createdAt)}</span>
                <span>{session.lastUsedAt ? `Last active ${formatDateTime(session.lastUsedAt)}` : 'Not used since'}</span>
                <span>Expires {formatDateTime(session.expiresAt)}</span>
              </p>
            </div>
            {session.current ? (
              <button type="button" onClick={() => void signOutHere()}>
                Sign out here
              </button>
            ) : (
              <ConfirmedAction
                label="Sign out"
                ariaLabel={`Sign out session started ${formatDateTime(session.createdAt)}`}
                title="Sign out that session?"
                message="That browser will have to sign in again."
                confirmLabel="Sign it out"
                onConfirm={() => revokeSession({ id: session.id }, REVOKES_SESSION)}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}

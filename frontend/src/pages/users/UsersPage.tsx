import { useTranslation } from 'react-i18next'
import { useQuery } from 'urql'
import { USERS_CONTEXT } from '../../api/cacheContexts'
import { describeError } from '../../api/graphqlErrors'
import { useCurrentUser } from '../../auth/authContext'
import { canManageUsers } from '../../auth/permissions'
import { EmptyState } from '../../components/EmptyState'
import { ErrorMessage } from '../../components/ErrorMessage'
import { Loading } from '../../components/Loading'
import { UsersDocument } from '../../gql/graphql'
import { NewUserForm } from './NewUserForm'
import { UserRow } from './UserRow'

export function UsersPage() {
  const user = useCurrentUser()
  const { t } = useTranslation()
  if (!canManageUsers(user.role)) {
    return <EmptyState title={t('users.onlyAdmins')}>{t('users.askAdmin')}</EmptyState>
  }
  return <UserAdministration currentUserId={user.id} />
}

function UserAdministration({ currentUserId }: { currentUserId: string }) {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: UsersDocument, context: USERS_CONTEXT })
  const reload = () => reexecute({ requestPolicy: 'network-only' })
  const { t } = useTranslation()

  return (
    <>
      <div className="page-title">
        <h1>{t('users.title')}</h1>
      </div>
      <NewUserForm />
      <section className="section" aria-labelledby="user-list-title">
        <h2 id="user-list-title">{t('users.accounts')}</h2>
        <ErrorMessage message={describeError(error)} onReload={reload} />
        {!data && fetching && <Loading label={t('users.loading')} />}
        {data && (
          <ul className="user-list">
            {data.users.map((account) => (
              <UserRow key={account.id} user={account} isSelf={account.id === currentUserId} onReload={reload} />
            ))}
          </ul>
        )}
      </section>
    </>
  )
}

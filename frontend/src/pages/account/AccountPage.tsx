import { ChangePasswordForm } from './ChangePasswordForm'
import { ApiTokens } from './ApiTokens'
import { Sessions } from './Sessions'

export function AccountPage() {
  return (
    <>
      <div className="page-title">
        <h1>Sessions &amp; API tokens</h1>
      </div>
      <Sessions />
      <ApiTokens />
      <ChangePasswordForm />
    </>
  )
}

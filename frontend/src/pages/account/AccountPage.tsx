import { useTranslation } from 'react-i18next'
import { ChangePasswordForm } from './ChangePasswordForm'
import { ApiTokens } from './ApiTokens'
import { Sessions } from './Sessions'

export function AccountPage() {
  const { t } = useTranslation()
  return (
    <>
      <div className="page-title">
        <h1>{t('account.title')}</h1>
      </div>
      <Sessions />
      <ApiTokens />
      <ChangePasswordForm />
    </>
  )
}

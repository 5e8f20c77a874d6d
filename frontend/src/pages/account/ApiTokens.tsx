import { useState, type SubmitEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useMutation, useQuery } from 'urql'
import { ACCOUNT_CONTEXT, REVOKES_TOKEN } from '../../api/cacheContexts'
import { describeError } from '../../api/graphqlErrors'
import { ConfirmedAction } from '../../components/ConfirmedAction'
import { ErrorMessage } from '../../components/ErrorMessage'
import { Field } from '../../components/Field'
import { Loading } from '../../components/Loading'
import { formatDateTime } from '../../format'
import { CreateApiTokenDocument, MyApiTokensDocument, RevokeApiTokenDocument } from '../../gql/graphql'
import { NewTokenSecret } from './NewTokenSecret'

const LIFETIMES = [7, 30, 90, 365] as const

/** Personal API tokens for scripts and CI (REST and gRPC accept them as Bearer tokens). */
export function ApiTokens() {
  const [{ data, fetching, error }] = useQuery({ query: MyApiTokensDocument, context: ACCOUNT_CONTEXT })
  const [revoked, revokeToken] = useMutation(RevokeApiTokenDocument)
  const { t } = useTranslation()

  return (
    <section className="section card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t('account.tokens')}</h2>
      <p className="muted">{t('account.tokensIntro')}</p>
      <ErrorMessage message={describeError(error ?? revoked.error)} />
      {!data && fetching && <Loading label={t('account.loadingTokens')} />}
      {data?.myApiTokens.length === 0 && <p className="muted">{t('account.noTokens')}</p>}
      <ul className="plain-list">
        {data?.myApiTokens.map((token) => (
          <li key={token.id} className="list-row">
            <div>
              <strong>{token.name}</strong> <code>{token.prefix}…</code>
              <p className="meta">
                <span>{t('account.created', { when: formatDateTime(token.createdAt) })}</span>
                <span>{t('account.expires', { when: formatDateTime(token.expiresAt) })}</span>
                <span>{token.lastUsedAt ? t('account.lastUsed', { when: formatDateTime(token.lastUsedAt) }) : t('account.neverUsed')}</span>
              </p>
            </div>
            <ConfirmedAction
              label={t('account.revoke')}
              ariaLabel={t('account.revokeLabel', { name: token.name })}
              title={t('account.revokeTitle', { name: token.name })}
              message={t('account.revokeMessage')}
              confirmLabel={t('account.revokeToken')}
              onConfirm={() => revokeToken({ id: token.id }, REVOKES_TOKEN)}
            />
          </li>
        ))}
      </ul>
      <NewTokenForm />
    </section>
  )
}

function NewTokenForm() {
  const [name, setName] = useState('')
  const [days, setDays] = useState<number>(30)
  const [problem, setProblem] = useState<string | null>(null)
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null)
  const [{ fetching, error }, createToken] = useMutation(CreateApiTokenDocument)
  const { t } = useTranslation()

  async function submit(event: SubmitEvent) {
    event.preventDefault()
    const trimmed = name.trim()
    setProblem(trimmed ? null : t('validation.tokenNameMissing'))
    if (!trimmed) return
    const result = await createToken({ name: trimmed, expiresInDays: days })
    if (result.data) {
      setSecret({ name: result.data.createApiToken.token.name, value: result.data.createApiToken.secret })
      setName('')
    }
  }

  if (secret) return <NewTokenSecret name={secret.name} secret={secret.value} onDone={() => setSecret(null)} />

  return (
    <form className="form inline-form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="new-token-title">
      <h3 id="new-token-title">{t('account.newToken')}</h3>
      <Field label={t('account.tokenName')} hint={t('account.tokenNameHint')}>
        {(id, hint) => <input id={id} aria-describedby={hint} required maxLength={100} value={name} onChange={(event) => setName(event.target.value)} />}
      </Field>
      <Field label={t('account.expiresAfter')}>
        {(id) => (
          <select id={id} value={days} onChange={(event) => setDays(Number(event.target.value))}>
            {LIFETIMES.map((value) => (
              <option key={value} value={value}>
                {t('account.days', { count: value })}
              </option>
            ))}
          </select>
        )}
      </Field>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <ErrorMessage message={describeError(error)} />
      <div className="actions">
        <button type="submit" className="primary" disabled={fetching}>
          {t('account.createToken')}
        </button>
      </div>
    </form>
  )
}

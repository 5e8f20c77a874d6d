import { useState, type SubmitEvent } from 'react'
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

  return (
    <section className="section card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
      <p className="muted">For scripts and CI. A token acts as you; revoke any you no longer use.</p>
      <ErrorMessage message={describeError(error ?? revoked.error)} />
      {!data && fetching && <Loading label="Loading tokens" />}
      {data?.myApiTokens.length === 0 && <p className="muted">No API tokens.</p>}
      <ul className="plain-list">
        {data?.myApiTokens.map((token) => (
          <li key={token.id} className="list-row">
            <div>
              <strong>{token.name}</strong> <code>{token.prefix}…</code>
              <p className="meta">
                <span>Created {formatDateTime(token.createdAt)}</span>
                <span>Expires {formatDateTime(token.expiresAt)}</span>
                <span>{token.lastUsedAt ? `Last used ${formatDateTime(token.lastUsedAt)}` : 'Never used'}</span>
              </p>
            </div>
            <ConfirmedAction
              label="Revoke"
              ariaLabel={`Revoke token ${token.name}`}
              title={`Revoke “${token.name}”?`}
              message="Anything using this token stops working at once."
              confirmLabel="Revoke token"
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

  async function submit(event: SubmitEvent) {
    event.preventDefault()
    const trimmed = name.trim()
    setProblem(trimmed ? null : 'Name the token after what will use it.')
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
      <h3 id="new-token-title">New token</h3>
      <Field label="Token name" hint="e.g. nightly CI">
        {(id, hint) => <input id={id} aria-describedby={hint} required maxLength={100} value={name} onChange={(event) => setName(event.target.value)} />}
      </Field>
      <Field label="Expires after">
        {(id) => (
          <select id={id} value={days} onChange={(event) => setDays(Number(event.target.value))}>
            {LIFETIMES.map((value) => (
              <option key={value} value={value}>
                {value} days
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
          Create token
        </button>
      </div>
    </form>
  )
}

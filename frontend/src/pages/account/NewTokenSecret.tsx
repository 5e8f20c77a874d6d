import { useId, useState } from 'react'

interface NewTokenSecretProps {
  name: string
  secret: string
  onDone: () => void
}

/** The new token's secret, shown this once: it lives only in this component's props until dismissed. */
export function NewTokenSecret({ name, secret, onDone }: NewTokenSecretProps) {
  const id = useId()
  const [copied, setCopied] = useState(false)

  async function copy() {
    await navigator.clipboard.writeText(secret)
    setCopied(true)
  }

  return (
    <div className="card token-secret" role="region" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Token “{name}” created</h3>
      <p>Copy it now: it will not be shown again.</p>
      <label htmlFor={id}>Secret</label>
      <input id={id} readOnly value={secret} onFocus={(event) => event.target.select()} className="secret" />
      <div className="actions">
        <button type="button" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="primary" onClick={onDone}>
          I have stored it
        </button>
      </div>
    </div>
  )
}

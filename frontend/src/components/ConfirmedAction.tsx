import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

interface ConfirmedActionProps {
  /** The button that opens the confirmation. */
  label: string
  /** Accessible name of that button when the label alone is ambiguous (e.g. "Delete group Login"). */
  ariaLabel?: string
  title: string
  message: string
  confirmLabel: string
  onConfirm: () => Promise<unknown>
  danger?: boolean
}

/** A button for an action that can't be undone; it asks in a modal dialog first. */
export function ConfirmedAction({ label, ariaLabel, title, message, confirmLabel, onConfirm, danger = true }: ConfirmedActionProps) {
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const { t } = useTranslation()

  async function confirm() {
    setBusy(true)
    try {
      await onConfirm()
    } finally {
      setBusy(false)
      setOpen(false)
    }
  }

  return (
    <>
      <button type="button" className={danger ? 'danger' : undefined} aria-label={ariaLabel} onClick={() => setOpen(true)}>
        {label}
      </button>
      {open && (
        <ConfirmDialog
          title={title}
          message={message}
          confirmLabel={busy ? t('common.working') : confirmLabel}
          busy={busy}
          danger={danger}
          onConfirm={() => void confirm()}
          onCancel={() => setOpen(false)}
        />
      )}
    </>
  )
}

interface ConfirmDialogProps {
  title: string
  message: string
  confirmLabel: string
  busy: boolean
  danger: boolean
  onConfirm: () => void
  onCancel: () => void
}

function ConfirmDialog({ title, message, confirmLabel, busy, danger, onConfirm, onCancel }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const messageId = useId()
  const { t } = useTranslation()

  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
  }, [])

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={messageId}
      onCancel={(event) => {
        event.preventDefault()
        onCancel()
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <p id={messageId}>{message}</p>
      <div className="actions">
        <button type="button" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
        <button type="button" className={danger ? 'danger' : 'primary'} onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  )
}

import { useId, type ReactNode } from 'react'

interface FieldProps {
  label: string
  hint?: string
  /** Renders the control, wired to the label (id) and the hint (describedBy). */
  children: (id: string, describedBy: string | undefined) => ReactNode
}

/** A form control with its visible label and an optional hint read out by screen readers. */
export function Field({ label, hint, children }: FieldProps) {
  const id = useId()
  const hintId = hint ? `${id}-hint` : undefined
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id, hintId)}
      {hint && (
        <small id={hintId} className="hint">
          {hint}
        </small>
      )}
    </div>
  )
}

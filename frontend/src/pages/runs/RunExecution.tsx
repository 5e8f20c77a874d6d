import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useMutation } from 'urql'
import { RUN_DETAIL_CONTEXT } from '../../api/cacheContexts'
import { describeError } from '../../api/graphqlErrors'
import { PriorityBadge, ResultBadge } from '../../components/Badges'
import { ErrorMessage } from '../../components/ErrorMessage'
import { Field } from '../../components/Field'
import { RecordRunResultDocument } from '../../gql/graphql'
import { commentProblem, RECORDABLE_RESULTS, type RecordableResult } from './resultRules'
import { ResultRecords } from './ResultRecords'
import { keyOf, NEXT_KEY, type ShortcutAction } from './shortcuts'
import { isRecordable, type RunDetail, type RunEntryDetail } from './types'
import { useShortcuts } from './useShortcuts'

interface RunExecutionProps {
  run: RunDetail
  /** Called with the run's version after a result this page recorded (so that its own change is not news). */
  onRecorded: (version: number) => void
}

/** Where an execution starts: the first entry without a result, else the first one. */
function startingEntry(entries: readonly RunEntryDetail[]): RunEntryDetail | undefined {
  return entries.find((entry) => entry.result === 'UNTESTED') ?? entries[0]
}

/** The run's entries one after another: the case beside the entry, result buttons and their keys. */
export function RunExecution({ run, onRecorded }: RunExecutionProps) {
  const { t } = useTranslation()
  const [chosenId, setChosenId] = useState<string | null>(null)
  const [comment, setComment] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const [recorded, recordResult] = useMutation(RecordRunResultDocument)
  const panel = useRef<HTMLElement>(null)
  const commentBox = useRef<HTMLTextAreaElement>(null)
  const recordable = isRecordable(run)

  const entry = run.entries.find((candidate) => candidate.id === chosenId) ?? startingEntry(run.entries)
  const index = entry ? run.entries.indexOf(entry) : -1

  function show(next: RunEntryDetail | undefined) {
    if (!next) return
    setChosenId(next.id)
    setComment('')
    setProblem(null)
  }

  async function record(result: RecordableResult) {
    if (!entry || !recordable || recorded.fetching) return
    const missing = commentProblem(result, comment)
    setProblem(missing)
    if (missing) {
      commentBox.current?.focus()
      return
    }
    const answer = await recordResult(
      { input: { runId: run.id, caseId: entry.caseId, result, comment: comment.trim() || null } },
      RUN_DETAIL_CONTEXT,
    )
    if (!answer.data) return
    onRecorded(answer.data.recordRunResult.run.version)
    setAnnouncement(t('runs.recorded', { result: t(`runResult.${result}`), title: entry.title }))
    show(run.entries[index + 1] ?? entry)
  }

  function onShortcut(action: ShortcutAction) {
    if (action.kind === 'next') show(run.entries[index + 1])
    else void record(action.result)
  }
  useShortcuts(Boolean(entry), onShortcut)

  if (!entry) {
    return (
      <section className="section" aria-labelledby="execution-title">
        <h2 id="execution-title">{t('runs.execution')}</h2>
        <p className="muted">{t('runs.noEntries')}</p>
      </section>
    )
  }

  return (
    <section className="section run-execution" aria-labelledby="execution-title">
      <h2 id="execution-title">{t('runs.execution')}</h2>
      {recordable ? (
        <p className="hint" id="shortcut-help">
          {t('runs.shortcutHelp')}
        </p>
      ) : (
        <p className="notice">{run.suite.status === 'COMPLETED' ? t('runs.suiteCompleted') : t('runs.runClosed')}</p>
      )}
      <div className="execution-layout">
        <nav aria-label={t('runs.entries')} className="entry-nav">
          <ol>
            {run.entries.map((candidate) => (
              <li key={candidate.id}>
                <button type="button" aria-current={candidate.id === entry.id ? 'step' : undefined} onClick={() => show(candidate)}>
                  <span className="entry-nav-title">{candidate.title}</span>
                  <ResultBadge result={candidate.result} />
                </button>
              </li>
            ))}
          </ol>
        </nav>
        <article ref={panel} tabIndex={-1} className="card entry-panel" aria-labelledby="entry-title">
          <p className="muted">{t('runs.entryPosition', { position: index + 1, count: run.entries.length })}</p>
          <h3 id="entry-title">{entry.title}</h3>
          <p className="meta">
            <PriorityBadge priority={entry.priority} />
            <ResultBadge result={entry.result} />
            {entry.assignee && <span>{t('runs.assignedTo', { name: entry.assignee.username })}</span>}
          </p>
          <CaseBeside entry={entry} />
          {recordable && (
            <div className="record-result">
              <Field label={t('runs.comment')} hint={t('runs.commentHint')}>
                {(id, hint) => (
                  <textarea
                    id={id}
                    ref={commentBox}
                    rows={2}
                    aria-describedby={hint}
                    aria-invalid={problem ? true : undefined}
                    value={comment}
                    onChange={(event) => {
                      setComment(event.target.value)
                      if (event.target.value.trim() !== '') setProblem(null)
                    }}
                    onKeyDown={(event) => {
                      if (event.key === 'Escape') {
                        event.preventDefault()
                        panel.current?.focus()
                      }
                    }}
                  />
                )}
              </Field>
              {problem && (
                <p className="error" role="alert">
                  {problem}
                </p>
              )}
              <ErrorMessage message={describeError(recorded.error)} />
              <div className="result-buttons" role="group" aria-label={t('runs.recordResult')} aria-describedby="shortcut-help">
                {RECORDABLE_RESULTS.map((result) => (
                  <button
                    key={result}
                    type="button"
                    className={`result-button result-${result.toLowerCase()}`}
                    aria-keyshortcuts={keyOf(result).toUpperCase()}
                    disabled={recorded.fetching}
                    onClick={() => void record(result)}
                  >
                    {t(`runResult.${result}`)} <kbd>{keyOf(result).toUpperCase()}</kbd>
                  </button>
                ))}
              </div>
            </div>
          )}
          <div className="actions">
            <button type="button" disabled={index === 0} onClick={() => show(run.entries[index - 1])}>
              {t('common.previous')}
            </button>
            <button type="button" disabled={index === run.entries.length - 1} aria-keyshortcuts={NEXT_KEY.toUpperCase()} onClick={() => show(run.entries[index + 1])}>
              {t('common.next')} <kbd>{NEXT_KEY.toUpperCase()}</kbd>
            </button>
          </div>
          <ResultRecords records={entry.results} />
        </article>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </section>
  )
}

/** The case as it is now: its description, beside the entry's snapshot. */
function CaseBeside({ entry }: { entry: RunEntryDetail }) {
  const { t } = useTranslation()
  return (
    <section className="case-beside" aria-labelledby="case-description-title">
      <h4 id="case-description-title">{t('runs.caseDescription')}</h4>
      {!entry.case ? (
        <p className="muted">{t('runs.caseDeleted')}</p>
      ) : (
        <>
          {entry.case.description ? <p className="description">{entry.case.description}</p> : <p className="muted">{t('runs.noDescription')}</p>}
          <Link to={`/cases/${entry.case.id}`}>{t('runs.openCase')}</Link>
        </>
      )}
    </section>
  )
}

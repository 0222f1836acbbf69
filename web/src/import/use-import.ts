import { useState } from 'preact/hooks'
import { ApiError, endpoint, sendForm, sendFormForBlob } from '../api.ts'
import { useI18n, type MessageKey } from '../i18n/i18n.tsx'
import { getSyncStatus, loadOffline } from '../offline/status.ts'
import { FILE_ERROR_CODES, MAX_BYTES, type Preview } from './types.ts'

export type Busy = 'preview' | 'commit' | 'download' | null

/**
 * The import screen's state: the chosen file, its preview or the committed result, the communes chosen for
 * split old addresses, and what went wrong (next to the file, or as an error state). The file stays in the
 * page: the preview and the import send the same bytes; the server keeps nothing between the two.
 */
export function useImport(province: string, onImported: () => void) {
  const { t } = useI18n()
  const [file, setFile] = useState<File | null>(null)
  const [fileError, setFileError] = useState<string | null>(null)
  const [busy, setBusy] = useState<Busy>(null)
  const [preview, setPreview] = useState<Preview | null>(null)
  const [result, setResult] = useState<Preview | null>(null)
  const [failure, setFailure] = useState<unknown>(null)
  const [choices, setChoices] = useState<Record<number, string>>({})

  const form = () => {
    const data = new FormData()
    data.append('file', file!)
    const chosen = Object.fromEntries(Object.entries(choices).filter(([, code]) => code))
    if (Object.keys(chosen).length > 0) data.append('resolutions', JSON.stringify(chosen))
    return data
  }

  const fail = (err: unknown) => {
    const issue = err instanceof ApiError ? err.fieldIssues().find((i) => i.field === 'file' || i.field === 'form.file') : undefined
    if (issue) {
      // The server names the columns or the cell concerned; the sentence around them is translated here.
      const raw = (err as ApiError).details as { issues?: { columns?: string[]; cell?: string }[] } | undefined
      const extra = raw?.issues?.[0]?.columns?.join(', ') ?? raw?.issues?.[0]?.cell
      const text = issue.code && FILE_ERROR_CODES.includes(issue.code) ? t(`import.fileError.${issue.code}` as MessageKey) : issue.message
      setFileError(extra ? `${text} ${extra}` : text)
    } else if (err instanceof ApiError && err.status === 413) setFileError(t('import.tooLarge'))
    else if (err instanceof ApiError && err.code === 'import_in_progress') setFileError(t('import.inProgress'))
    else setFailure(err)
  }

  const run = async (kind: 'preview' | 'commit') => {
    if (!file) return setFileError(t('import.chooseFile'))
    setBusy(kind)
    setFailure(null)
    setFileError(null)
    try {
      const body = await sendForm(endpoint('POST /api/p/:province/imports', { province }, { dryRun: kind === 'preview' ? 'true' : undefined }), form())
      if (kind === 'preview') setPreview(body.data)
      else {
        setResult(body.data)
        setPreview(null)
        onImported()
        // A commune officer's lists read the offline store: bring the imported people onto the phone.
        if (getSyncStatus().active) void loadOffline().then((offline) => offline.syncNow())
      }
    } catch (err) {
      fail(err)
    } finally {
      setBusy(null)
    }
  }

  const downloadRejected = async () => {
    if (!file) return
    setBusy('download')
    try {
      const blob = await sendFormForBlob(endpoint('POST /api/p/:province/imports/rejected', { province }), form())
      const url = URL.createObjectURL(blob)
      const a = document.createElement('a')
      a.href = url
      a.download = 'dong-bi-tu-choi.xlsx'
      a.click()
      setTimeout(() => URL.revokeObjectURL(url), 10_000)
    } catch (err) {
      fail(err)
    } finally {
      setBusy(null)
    }
  }

  const choose = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement
    const chosen = input.files?.[0] ?? null
    setPreview(null)
    setResult(null)
    setChoices({})
    setFailure(null)
    setFileError(chosen && chosen.size > MAX_BYTES ? t('import.tooLarge') : null)
    setFile(chosen && chosen.size <= MAX_BYTES ? chosen : null)
  }

  const choice = (rowNumber: number, code: string) => setChoices({ ...choices, [rowNumber]: code })
  /** Split rows a commune was chosen for: they count among the rows the import will add. */
  const pendingChoices = preview ? preview.problems.filter((p) => p.problems.some((x) => x.reason === 'ambiguous_address') && choices[p.rowNumber]).length : 0

  return { file, fileError, busy, preview, result, failure, choices, pendingChoices, choose, choice, run, downloadRejected }
}

export type ImportState = ReturnType<typeof useImport>

// The evidence field's words, in both languages, in its own chunk: the catalogues in i18n/ are part of the
// first load, which has no room left (README "Web app").
import type { Locale } from '../i18n/i18n.tsx'

const vi = {
  title: 'Tài liệu, hình ảnh minh chứng',
  pick: 'Chụp ảnh hoặc chọn tệp (PDF, JPEG, PNG)',
  preparing: 'Đang thu nhỏ ảnh…',
  empty: 'Chưa có tệp nào.',
  download: 'Tải về',
  waiting: 'Chờ có mạng để tải lên',
  queued: 'Chờ tải lên',
  uploading: 'Đang tải lên {percent}%',
  incomplete: 'Chưa tải lên xong',
  failed: 'Không tải lên được: {reason}',
  retry: 'Thử lại',
  remove: 'Bỏ tệp',
  offlineList: 'Cần có mạng để xem các tệp đã tải lên.',
  loadFailed: 'Không tải được danh sách tệp.',
  'reason.type': 'tệp không phải PDF, JPEG hoặc PNG (kiểm tra theo nội dung, không theo tên)',
  'reason.too_large': 'tệp lớn hơn 5 MB',
  'reason.checksum_mismatch': 'tệp bị hỏng trên đường truyền, hãy chọn lại',
  'reason.other': 'máy chủ từ chối tệp',
}

const en: Record<keyof typeof vi, string> = {
  title: 'Evidence documents and photos',
  pick: 'Take a photo or choose a file (PDF, JPEG, PNG)',
  preparing: 'Shrinking the photo…',
  empty: 'No files yet.',
  download: 'Download',
  waiting: 'Waiting for a connection to upload',
  queued: 'Waiting to upload',
  uploading: 'Uploading {percent}%',
  incomplete: 'Upload not finished',
  failed: 'Could not upload: {reason}',
  retry: 'Try again',
  remove: 'Remove',
  offlineList: 'The files already uploaded show when there is a connection.',
  loadFailed: 'The list of files could not be loaded.',
  'reason.type': 'not a PDF, JPEG or PNG file (checked by its content, not its name)',
  'reason.too_large': 'larger than 5 MB',
  'reason.checksum_mismatch': 'damaged on the way, choose it again',
  'reason.other': 'the server refused the file',
}

export type EvidenceLabel = keyof typeof vi
const catalogues: Record<Locale, Record<EvidenceLabel, string>> = { vi, en }

export function evidenceLabel(locale: Locale, key: EvidenceLabel, params: Record<string, string | number> = {}): string {
  return catalogues[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

/** A refusal's code (the server's issue code, or the phone's own check) as words. */
export function reasonKey(code: string | null): EvidenceLabel {
  if (code === 'type' || code === 'type_not_accepted') return 'reason.type'
  if (code === 'too_large' || code === 'payload_too_large') return 'reason.too_large'
  if (code === 'checksum_mismatch') return 'reason.checksum_mismatch'
  return 'reason.other'
}

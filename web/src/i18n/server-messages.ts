/**
 * The API explains a refused field in English (one language for logs, tests and integrators); officers read
 * Vietnamese. These are the API's field messages in Vietnamese: exact ones, then ones carrying a number. A
 * message not listed here is shown in English after a Vietnamese lead (lib/form-errors.ts), never hidden.
 * Kept in step with the API (worker/ and kernel/) by test/web/server-messages.test.ts.
 */
const EXACT: Record<string, string> = {
  'is required': 'Bắt buộc.',
  'is not a PDF, JPEG or PNG file (its content is checked, not its name)':
    'Không phải tệp PDF, JPEG hoặc PNG (hệ thống kiểm tra nội dung tệp, không xem tên tệp).',
  'is not a criterion of this record': 'Không phải một tiêu chí của hồ sơ này.',
  'names a file not attached to this assessment': 'Có tệp không thuộc hồ sơ này (hoặc chưa tải lên xong).',
  'does not match its SHA-256: the file changed or was damaged on the way; send it again':
    'Tệp không khớp mã kiểm tra: tệp đã bị thay đổi hoặc hỏng trên đường truyền; hãy gửi lại.',
  // Drug-free communes (decision 0037)
  'must not be a future year': 'Không được là năm trong tương lai.',
  'must be a year': 'Phải là một năm.',
  'is not a criterion of this assessment': 'Không phải tiêu chí của hồ sơ này.',
  'must comment on at least one criterion': 'Cần ý kiến cho ít nhất một tiêu chí.',
  'is required to recognise a commune': 'Bắt buộc khi công nhận xã.',
  'already has an assessment for this commune': 'Xã đã có hồ sơ cho năm này.',
  'must not repeat a criterion code': 'Không được trùng mã tiêu chí.',
  'must be a short code (A–Z, 0–9, dots)': 'Phải là mã ngắn (A–Z, 0–9, dấu chấm).',
  'must be a percent': 'Phải là một tỷ lệ phần trăm.',
  'must list at least one criterion': 'Cần ít nhất một tiêu chí.',
  'must not be in the future': 'Không được là ngày trong tương lai.',
  'must be a date YYYY-MM-DD': 'Phải là một ngày.',
  'must be a date dd/mm/yyyy': 'Phải là ngày dạng ngày/tháng/năm.',
  'is not a real calendar date': 'Ngày này không có trên lịch.',
  'must be after the birth date': 'Phải sau ngày sinh.',
  'must be after 1900': 'Phải sau năm 1900.',
  'must be after the start date': 'Phải sau ngày bắt đầu.',
  'makes the plan shorter than 6 months': 'Kế hoạch ngắn hơn 6 tháng.',
  'makes the plan longer than 12 months': 'Kế hoạch dài hơn 12 tháng.',
  'must not be before the registration date': 'Không được trước ngày đăng ký.',
  'must not be before the plan started': 'Không được trước ngày bắt đầu kế hoạch.',
  'is not a stage of this plan': 'Không phải một giai đoạn của kế hoạch này.',
  'must not be before the dossier date': 'Không được trước ngày lập hồ sơ.',
  'must not be before the period started': 'Không được trước ngày bắt đầu thời hạn quản lý.',
  'must not be before the treatment started': 'Không được trước ngày bắt đầu điều trị.',
  'must be court: compulsory rehab is decided by a court': 'Phải là Tòa án: cai nghiện bắt buộc do Tòa án quyết định.',
  'must be court: only a court decides on compulsory rehab': 'Phải là Tòa án: chỉ Tòa án quyết định việc áp dụng cai nghiện bắt buộc.',
  'must not be before the admission': 'Không được trước ngày vào cơ sở cai nghiện.',
  'is not a person of this province': 'Không phải người thuộc tỉnh này.',
  'must not be before the person joined': 'Không được trước ngày người đó tham gia.',
  'must not be before the model was founded': 'Không được trước ngày thành lập mô hình.',
  'is required when the model is dissolved': 'Bắt buộc khi giải thể mô hình.',
  'must be left out (or null) while the model is active': 'Để trống khi mô hình còn hoạt động.',
  'must not be before the founding decision': 'Không được trước ngày quyết định thành lập.',
  'must not be before post-rehab management started': 'Không được trước ngày bắt đầu quản lý sau cai.',
  'must be 12 digits': 'Phải gồm 12 chữ số.',
  'must start with a province code from 001 to 096': 'Ba chữ số đầu phải là mã tỉnh nơi đăng ký khai sinh (001–096).',
  'its 4th digit does not agree with the sex': 'Chữ số thứ 4 không khớp với giới tính.',
  'its 4th to 6th digits do not agree with the birth year': 'Chữ số thứ 4 đến 6 không khớp với năm sinh.',
  'is already registered in the province': 'Số định danh này đã có trong danh sách của tỉnh.',
  'is already used by another record': 'Mã này đã được dùng cho hồ sơ khác.',
  'must be male or female': 'Chọn Nam hoặc Nữ.',
  'must be Nam or Nữ': 'Phải là Nam hoặc Nữ.',
  'must be Sử dụng trái phép, Nghiện or Sau cai nghiện': 'Phải là "Sử dụng trái phép", "Nghiện" hoặc "Sau cai nghiện".',
  'must be a Vietnamese phone number such as 0912345678': 'Phải là số điện thoại Việt Nam, ví dụ 0912345678.',
  'must be a five-digit commune code': 'Phải là mã xã/phường gồm 5 chữ số.',
  'is not a commune of this province': 'Không phải xã/phường của tỉnh này.',
  'is not a commune code of this province': 'Không phải mã xã/phường của tỉnh này.',
  'is required for a drug-dependent person': 'Bắt buộc với người nghiện.',
  'is required for a person under 18 (their legal representative)': 'Bắt buộc với người dưới 18 tuổi (người đại diện hợp pháp).',
  'must be another commune than the current one': 'Phải là xã/phường khác nơi đang quản lý.',
  'is not a commune of that province in Bình An': 'Không phải xã/phường của tỉnh đó trên Bình An.',
  'must be a two-digit province code': 'Phải là mã tỉnh gồm 2 chữ số.',
  'must be commune_police_chief (the commune police chief orders electronic monitoring)': 'Phải là Trưởng Công an xã (người ra quyết định giám sát điện tử).',
  'must not be before the order (json.decision.date)': 'Không được trước ngày của quyết định.',
  'must not be before the monitoring started': 'Không được trước ngày bắt đầu giám sát.',
  'is required for a drug-dependent person (the health facility that determined it)': 'Bắt buộc với người nghiện (cơ sở y tế đã xác định).',
  'is required with a positive test': 'Bắt buộc khi xét nghiệm dương tính.',
  'is only given with a positive test': 'Chỉ ghi khi xét nghiệm dương tính.',
  'must name at least one working-group member': 'Cần ít nhất một thành viên tổ công tác.',
  'must not repeat a stage': 'Mỗi giai đoạn chỉ ghi một lần.',
  'must be a whole number of VND': 'Phải là số đồng (số nguyên).',
  'must be an amount in VND': 'Phải là số tiền (đồng).',
  'must be positive': 'Phải lớn hơn 0.',
  'is given for a preferential loan, and only for one': 'Chỉ ghi số tiền cho khoản vay ưu đãi.',
  'is implausibly large': 'Số quá lớn.',
  'must be 3–32 characters: letters a–z, digits, dot, dash or underscore': 'Từ 3 đến 32 ký tự: chữ a–z, chữ số, dấu chấm, gạch ngang hoặc gạch dưới.',
  'the current password is wrong': 'Mật khẩu hiện tại không đúng.',
  'must be an e-mail address such as ten@example.gov.vn': 'Phải là địa chỉ email, ví dụ ten@example.gov.vn.',
  'is required: this account has no e-mail address yet': 'Bắt buộc: tài khoản này chưa có địa chỉ email.',
  'end the open rehab plan as transferred first': 'Hãy kết thúc kế hoạch cai nghiện đang mở (chuyển nơi cư trú) trước.',
  'matches no commune of this province, current or before July 2025': 'Không khớp xã/phường nào của tỉnh (hiện nay hoặc trước 01/7/2025).',
  'is not this province (nor one merged into it)': 'Không phải tỉnh này (hay tỉnh đã sáp nhập vào).',
  'a commune officer needs at least one commune': 'Cán bộ cấp xã cần được giao ít nhất một xã, phường.',
  'only commune officers have a commune scope': 'Chỉ cán bộ cấp xã mới được giao xã, phường.',
  'complete a plan through POST /plans/:planId/complete, with its completion certificate': 'Hãy dùng nút "Hoàn thành" để ghi giấy xác nhận hoàn thành.',
  'is not a cursor from this API': 'Trang không hợp lệ: hãy tải lại danh sách.',
  'is not a period between 2000 and 2100': 'Kỳ báo cáo phải trong khoảng 2000–2100.',
  'is only given when a plan is terminated or transferred': 'Chỉ ghi lý do khi chấm dứt hoặc chuyển kế hoạch.',
  'must be left out (the change’s entityId is the id)': 'Không được ghi mã (mã là của thay đổi).',
  'no row can be imported; fix the problem rows and upload again': 'Không có dòng nào nhập được: hãy sửa các dòng lỗi rồi tải lên lại.',
  // The text rule (kernel/text-hygiene.ts): what was pasted in carries characters that cannot be seen or kept.
  'must not contain control characters': 'Có ký tự điều khiển không được phép (thường do sao chép từ nơi khác): hãy gõ lại.',
  'must be on one line': 'Chỉ được ghi trên một dòng.',
  'must not contain text-direction control characters': 'Có ký tự đảo chiều văn bản không được phép: hãy gõ lại.',
  'must not contain broken characters': 'Có ký tự bị lỗi: hãy gõ lại.',
  'must not contain invisible characters': 'Có ký tự ẩn (không nhìn thấy được): hãy gõ lại.',
  'must contain visible characters': 'Chưa có chữ nào nhìn thấy được.',
  'has too many accents on one letter': 'Có chữ mang quá nhiều dấu.',
}

const PATTERNS: readonly [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^must be at most (\d+) characters$/, (m) => `Tối đa ${m[1]} ký tự.`],
  [/^must be a whole number from (\d+) to (\d+)$/, (m) => `Phải là số nguyên từ ${m[1]} đến ${m[2]}.`],
  [/^must be at least (\d+)$/, (m) => `Ít nhất là ${m[1]}.`],
  [/^must be at most (\d+)$/, (m) => `Nhiều nhất là ${m[1]}.`],
  [/^the person must be at least (\d+) years old$/, (m) => `Người được quản lý phải từ ${m[1]} tuổi trở lên.`],
  [/^the same citizen ID is also on row ([\d, ]+)$/, (m) => `Số định danh này cũng có ở dòng ${m[1]}.`],
]

/** The Vietnamese for an API field message, or null when there is none (the caller shows the English). */
export function serverMessageVi(message: string): string | null {
  const exact = EXACT[message]
  if (exact) return exact
  for (const [pattern, say] of PATTERNS) {
    const m = message.match(pattern)
    if (m) return say(m)
  }
  return null
}

/** For the test that keeps this list in step with the API. */
export const knownServerMessages = Object.keys(EXACT)

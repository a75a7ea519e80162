/** Stable, dotted error codes: the UI, the CLI and tests match on these, never on messages. */
export const ERROR_CODES = [
  'validation.invalid_input',
  'request.unknown',
  'request.too_large',
  'request.unauthorized',
  'file.empty',
  'file.not_found',
  'file.unsupported_type',
  'file.corrupt',
  'file.too_large',
  'image.too_large',
  'pdf.encrypted',
  'pdf.no_pages',
  'pdf.corrupt',
  'ocr.failed',
  'ocr.model_missing',
  'ocr.timeout',
  'ocr.engine_unavailable',
  'store.locked',
  'store.corrupt',
  'store.newer_schema',
  'store.write_failed',
  'document.not_found',
  'document.not_filed',
  'document.task_not_found',
  'document.task_already_done',
  'document.task_not_done',
  'intake.cancelled',
  'settings.folder_not_absolute',
  'settings.folder_not_found',
  'settings.not_a_folder',
  'settings.folder_inside_data',
  'watch.failed',
  'calendar.invalid_schedule',
  'case.correction_breaks_history',
  'case.correction_not_allowed',
  'case.correction_target_missing',
  'case.correction_type_mismatch',
  'case.date_before_previous',
  'case.date_in_future',
  'case.duplicate_event_id',
  'case.extension_not_notified',
  'case.extension_too_long',
  'case.field_required',
  'case.hearing_open',
  'case.invalid_date',
  'case.not_registered',
  'case.objection_not_allowed',
  'case.report_missing',
  'case.step_out_of_order',
  'case.not_found',
  'case.duplicate_number',
  'case.invalid_fields',
  'case.invalid_settings',
  'case.checklist_incomplete',
  'case.unknown_rule',
  'archive.already_numbered',
  'archive.nothing_to_export',
  'archive.export_failed',
  'archive.disk_full',
  'archive.piece_conflict',
  'deadline.days_required',
  'deadline.invalid_date',
  'deadline.invalid_days',
  'deadline.invalid_pause',
  'deadline.invalid_rules',
  'deadline.unknown_rule',
  'backup.invalid_archive',
  'backup.unsafe_path',
  'backup.hash_mismatch',
  'backup.too_large',
  'backup.not_found',
  'backup.busy',
  'backup.folder_invalid',
  'backup.restore_failed',
  'store.unrecoverable',
  'file.unsafe_name',
  'paperwork.template_not_found',
  'paperwork.template_invalid',
  'paperwork.import_invalid',
  'paperwork.field_required',
  'paperwork.field_too_long',
  'paperwork.char_outside_font',
  'paperwork.invalid_date',
  'paperwork.invalid_text',
  'paperwork.number_not_found',
  'paperwork.number_already_cancelled',
  'paperwork.case_not_found',
  'paperwork.case_unavailable',
  'paperwork.open_unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** What crosses every transport when a request fails: data, never a thrown object. */
export interface ErrorPayload {
  readonly code: ErrorCode;
  readonly message: string;
}

/** An error the user can read: `message` is Chinese and says what happened and what to do. */
export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** Turns anything thrown into the payload a transport sends back; unknown errors get a generic Chinese message. */
export function toErrorPayload(e: unknown): ErrorPayload {
  if (isAppError(e)) return { code: e.code, message: e.message };
  return {
    code: 'internal',
    message: `程序内部出错：${e instanceof Error ? e.message : String(e)}。已录入的数据未受影响，请重试；如果反复出现，请把这段话发给技术支持。`,
  };
}

import dayjs, { type Dayjs } from 'dayjs';
import type { DocumentFieldsInput } from '../../../../shared/api/contract';

/** The review form's shape: lists of long phrases are edited one per line, dates with a date picker. */
export interface FieldsFormValues {
  docNumber: string;
  issuingBodies: string[];
  title: string;
  docType: string;
  addressees: string;
  signingDate: Dayjs | null;
  attachments: string;
  cc: string;
  printedBy: string;
  printedDate: Dayjs | null;
  classification: string;
  urgency: string;
  copyNumber: string;
  referencedDocNumbers: string[];
  /** Deadlines the notice sets, kept with the document for the 工作台; the form can only drop them. */
  deadlines: NonNullable<DocumentFieldsInput['deadlines']>[number][];
}

/** Formats the date picker accepts when typed; the first is how dates are shown. */
export const DATE_FORMATS = ['YYYY-MM-DD', 'YYYY年M月D日', 'YYYY/M/D', 'YYYY.M.D', 'YYYYMMDD'];

const toDay = (iso: string | null): Dayjs | null => (iso && dayjs(iso).isValid() ? dayjs(iso) : null);
const lines = (list: readonly string[]): string => list.join('\n');

export function toFormValues(f: DocumentFieldsInput): FieldsFormValues {
  return {
    docNumber: f.docNumber ?? '',
    issuingBodies: [...f.issuingBodies],
    title: f.title ?? '',
    docType: f.docType ?? '',
    addressees: lines(f.addressees),
    signingDate: toDay(f.signingDate),
    attachments: lines(f.attachments),
    cc: lines(f.cc),
    printedBy: f.printedBy ?? '',
    printedDate: toDay(f.printedDate),
    classification: f.classification ?? '',
    urgency: f.urgency ?? '',
    copyNumber: f.copyNumber ?? '',
    referencedDocNumbers: [...f.referencedDocNumbers],
    deadlines: [...(f.deadlines ?? [])],
  };
}

const text = (s: string | undefined): string | null => (s && s.trim() ? s.trim() : null);
const list = (items: readonly string[] | undefined): string[] =>
  (items ?? []).map((s) => s.trim()).filter((s) => s.length > 0);
const splitLines = (s: string | undefined): string[] => list((s ?? '').split(/\r?\n/));
const iso = (d: Dayjs | null | undefined): string | null => (d && d.isValid() ? d.format('YYYY-MM-DD') : null);

export function fromFormValues(v: Partial<FieldsFormValues>): DocumentFieldsInput {
  return {
    docNumber: text(v.docNumber),
    issuingBodies: list(v.issuingBodies),
    title: text(v.title),
    docType: text(v.docType),
    addressees: splitLines(v.addressees),
    signingDate: iso(v.signingDate),
    attachments: splitLines(v.attachments),
    cc: splitLines(v.cc),
    printedBy: text(v.printedBy),
    printedDate: iso(v.printedDate),
    classification: text(v.classification),
    urgency: text(v.urgency),
    copyNumber: text(v.copyNumber),
    referencedDocNumbers: list(v.referencedDocNumbers),
    // Left out when the form has none, so the record keeps the deadlines it has.
    ...(v.deadlines ? { deadlines: v.deadlines } : {}),
  };
}

import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, stat, unlink } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import {
  checkValues,
  composeDocument,
  formatDocNumber,
  normalizeValues,
  type DocumentModel,
  type ValueIssue,
} from '../../../shared/paperwork/compose';
import { charsOutsideBodyFont, controlChars, describeChar } from '../../../shared/paperwork/body-font';
import { DOC_TYPE_BY_ID } from '../../../shared/paperwork/doc-types';
import type {
  IssuedDocument,
  OfficeProfile,
  PreviewResult,
  TemplateDetail,
  TemplateSummary,
  TemplateValidation,
  TemplateVersion,
} from '../../../shared/paperwork/records';
import {
  checkTemplate,
  templateSchema,
  userRequiredFields,
  type PaperworkTemplate,
  type ParsedTemplate,
} from '../../../shared/paperwork/template';
import { renderNodes } from '../../../shared/paperwork/template-language';
import type { ApiPart } from '../../../shared/api/contract';
import type { PAPERWORK_REQUEST_NAMES } from '../../../shared/api/paperwork.names';
import { AppError } from '../../../shared/errors/app-error';
import type { Logger } from '../logger';
import { AtomicJsonFile, writeFileAtomic } from '../store/atomic-file';
import { buildDocx } from '../services/docx/build-docx';
import type { FontSet } from '../services/docx/gbt9704';

/**
 * 文书 generation: editable templates with versions, the office's default values, 文号 allocation per
 * 机关代字 and year, and the .docx written atomically with the number committed only once the file is on disk.
 */

/** What the generator needs from a case (issue 5); kept small so the cases module can implement it as it likes. */
export interface CaseFieldSource {
  /** Field values pre-filled from the case (信访人, 收到日期 …), or null when no case has this id. */
  fieldsFor(caseId: string): Promise<Readonly<Record<string, string>> | null>;
  /** Template ids of the documents the case's current step needs, most relevant first. */
  suggestedTemplates?(caseId: string): Promise<readonly string[]>;
  /** The case's record id for an id or a 登记编号, so the ledger files every document under the same id. */
  resolveId?(caseId: string): Promise<string | null>;
  /** Records in the case history that the document was issued. */
  recordIssued?(caseId: string, doc: IssuedDocument): Promise<void>;
}

export interface PaperworkDeps {
  readonly dataDir: string;
  /** Folder of the built-in templates (`resources/templates`), never written to. */
  readonly builtinDir: string;
  readonly now: () => Date;
  readonly logger: Logger;
  readonly cases?: CaseFieldSource;
  /**
   * Opens a file in the system's word processor (the desktop shell's `shell.openPath`, restricted to the data
   * folder); absent in the browser transport and the CLI, where the file is downloaded instead.
   */
  readonly openFile?: (path: string) => Promise<void>;
  /** Replaced in tests to simulate a failure between writing the file and committing the number. */
  readonly writeFile?: (path: string, data: Uint8Array) => Promise<void>;
}

export interface GenerateRequest {
  readonly templateId: string;
  readonly values?: Readonly<Record<string, string>>;
  readonly caseId?: string | null;
  /** Also write the document here (CLI `--out`); part of the same all-or-nothing step. */
  readonly outPath?: string;
  readonly allowOutsideFont?: boolean;
}

interface IssuedRecord extends Omit<IssuedDocument, 'path'> {
  readonly numberKey: string | null;
  readonly seq: number | null;
  readonly templateHash: string;
}

interface Pending {
  readonly id: string;
  readonly numberKey: string | null;
  readonly seq: number | null;
  readonly files: readonly string[];
  readonly sha256: string;
  readonly record: IssuedRecord;
}

interface Ledger {
  /** Last number used per `机关代字|年份`. */
  sequences: Record<string, number>;
  issued: IssuedRecord[];
  /** A generation between "file written" and "number committed"; settled at the next start. */
  pending: Pending | null;
}

interface UserTemplateFile {
  readonly id: string;
  readonly versions: TemplateVersion[];
}

const EXPORT_FORMAT = 'xinfangdesk-template';
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

const localDate = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** File names from a 文号 keep its characters but lose those Windows forbids. */
const safeName = (s: string) => s.replace(/[\\/:*?"<>|\s]/g, '_').slice(0, 80);

export type PaperworkUsecases = Awaited<ReturnType<typeof openPaperwork>>;

export async function openPaperwork(deps: PaperworkDeps) {
  const { dataDir, builtinDir, now, logger } = deps;
  const root = join(dataDir, 'paperwork');
  const userDir = join(root, 'templates');
  const ledgerPath = join(root, 'numbers.json');
  const profilePath = join(root, 'profile.json');
  const write = deps.writeFile ?? writeFileAtomic;
  let openFile = deps.openFile ?? null;
  await mkdir(userDir, { recursive: true });

  const builtins = await loadBuiltins(builtinDir, logger);
  // The store's reader: a missing file gives the fallback, a damaged one store.corrupt and is never overwritten.
  const readJson = async <T>(path: string, fallback: T): Promise<T> =>
    (await new AtomicJsonFile<T>(path).read()) ?? fallback;

  const ledger = await readJson<Ledger>(ledgerPath, { sequences: {}, issued: [], pending: null });
  let profile = await readJson<OfficeProfile & { fonts?: Partial<FontSet> }>(profilePath, { defaults: {} });
  const saveLedger = () => writeFileAtomic(ledgerPath, JSON.stringify(ledger));

  // One generation at a time: the 文号 is read, used and committed without another generation in between.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const p = chain.then(fn, fn);
    chain = p.catch(() => undefined);
    return p;
  };

  await settlePending();

  /** A crash after the file was written but before the number was committed: keep it if the file is whole, else undo. */
  async function settlePending(): Promise<void> {
    const p = ledger.pending;
    if (!p) return;
    const whole = await Promise.all(
      p.files.map((f) =>
        readFile(f).then(
          (b) => sha256(b) === p.sha256,
          () => false,
        ),
      ),
    );
    if (whole.every(Boolean)) {
      if (p.numberKey && p.seq) ledger.sequences[p.numberKey] = Math.max(ledger.sequences[p.numberKey] ?? 0, p.seq);
      if (!ledger.issued.some((r) => r.id === p.id)) ledger.issued.push(p.record);
      logger.warn('paperwork: committed a generation interrupted after its file was written', { id: p.id });
    } else {
      for (const f of p.files) await unlink(f).catch(() => undefined);
      logger.warn('paperwork: rolled back an interrupted generation', { id: p.id });
    }
    ledger.pending = null;
    await saveLedger();
  }

  // ── templates ──

  const userFile = (id: string) => join(userDir, `${id}.json`);
  const readUser = (id: string) => readJson<UserTemplateFile | null>(userFile(id), null);

  async function versionsOf(id: string): Promise<TemplateVersion[]> {
    const base = builtins.get(id);
    const user = await readUser(id);
    return [...(base ? [{ version: 1, savedAt: null, template: base }] : []), ...(user?.versions ?? [])];
  }

  async function current(
    id: string,
  ): Promise<{ template: PaperworkTemplate; version: number; versions: TemplateVersion[] }> {
    const versions = await versionsOf(id);
    const last = versions[versions.length - 1];
    if (!last) {
      throw new AppError(
        'paperwork.template_not_found',
        `找不到编号为“${id}”的文书模板。请在“文书模板”中查看现有模板。`,
      );
    }
    return { template: last.template, version: last.version, versions };
  }

  const parse = (template: PaperworkTemplate): ParsedTemplate => {
    const c = checkTemplate(template);
    if (!c.ok) {
      const first = c.issues
        .slice(0, 3)
        .map((i) => (i.part ? `第 ${i.line} 行第 ${i.column} 列：${i.message}` : i.message))
        .join('；');
      throw new AppError(
        'paperwork.template_invalid',
        `文书模板“${template.name}”有错误，无法使用：${first}请在模板编辑器中修改后保存。`,
      );
    }
    return c.parsed;
  };

  const summary = (template: PaperworkTemplate, version: number): TemplateSummary => {
    const c = checkTemplate(template);
    return {
      id: template.id,
      name: template.name,
      docType: template.docType,
      layout: template.layout,
      version,
      builtin: builtins.has(template.id),
      modified: builtins.has(template.id) && version > 1,
      fields: c.ok ? c.parsed.fields : [],
      requiredFields: c.ok ? userRequiredFields(c.parsed) : [],
      numbered: template.numberCode !== null,
    };
  };

  async function listTemplates(): Promise<TemplateSummary[]> {
    const ids = new Set(builtins.keys());
    for (const f of await readdir(userDir)) if (/^[A-Za-z0-9_-]+\.json$/.test(f)) ids.add(f.slice(0, -5));
    const out: TemplateSummary[] = [];
    for (const id of ids) {
      const c = await current(id).catch(() => null);
      if (c) out.push(summary(c.template, c.version));
    }
    return out;
  }

  async function getTemplate(id: string): Promise<TemplateDetail> {
    const c = await current(id);
    return { ...summary(c.template, c.version), template: c.template, versions: c.versions };
  }

  function validateTemplate(template: PaperworkTemplate): TemplateValidation {
    const c = checkTemplate(template);
    return c.ok
      ? { ok: true, issues: [], fields: c.parsed.fields, requiredFields: userRequiredFields(c.parsed) }
      : { ok: false, issues: c.issues, fields: [], requiredFields: [] };
  }

  /** Saves a new version (the built-in file is never touched); an invalid template is refused with its first errors. */
  async function saveTemplate(template: PaperworkTemplate): Promise<TemplateSummary> {
    parse(template);
    const user = (await readUser(template.id)) ?? { id: template.id, versions: [] };
    const versions = await versionsOf(template.id);
    const version = (versions[versions.length - 1]?.version ?? 0) + 1;
    const next: UserTemplateFile = {
      id: template.id,
      versions: [...user.versions, { version, savedAt: now().toISOString(), template }],
    };
    await writeFileAtomic(userFile(template.id), JSON.stringify(next, null, 1));
    return summary(template, version);
  }

  /**
   * Back to the shipped text of a built-in template: the office's versions are set aside in
   * `templates/<id>.reset-<time>.json` (documents keep the version they record) and numbering goes on from the
   * highest version, so a version number never means two texts.
   */
  async function resetTemplate(id: string): Promise<TemplateSummary> {
    const base = builtins.get(id);
    if (!base) {
      await current(id);
      throw new AppError(
        'validation.invalid_input',
        `“${id}”是本机关自建的模板，没有内置版本可以恢复。需要时请修改后保存为新版本。`,
      );
    }
    const versions = await versionsOf(id);
    const last = versions[versions.length - 1]!;
    if (last.version === 1) return summary(base, 1);
    const user = (await readUser(id))!;
    const stamp = now().toISOString().replace(/[:.]/g, '-');
    await writeFileAtomic(join(userDir, `${id}.reset-${stamp}.json`), JSON.stringify(user, null, 1));
    const version = last.version + 1;
    const next: UserTemplateFile = {
      id,
      versions: [...user.versions, { version, savedAt: now().toISOString(), template: base }],
    };
    await writeFileAtomic(userFile(id), JSON.stringify(next, null, 1));
    return summary(base, version);
  }

  async function exportTemplate(id: string): Promise<{ fileName: string; content: string }> {
    const c = await current(id);
    return {
      fileName: `${safeName(c.template.name)}.xfdt.json`,
      content: JSON.stringify({ format: EXPORT_FORMAT, version: c.version, template: c.template }, null, 2),
    };
  }

  async function importTemplate(content: string): Promise<TemplateSummary> {
    let data: unknown;
    try {
      data = JSON.parse(content);
    } catch {
      throw new AppError(
        'paperwork.import_invalid',
        '导入的文件不是有效的模板文件（JSON 格式错误）。请选择由本程序“导出”的 .xfdt.json 文件。',
      );
    }
    const raw =
      (data as { format?: unknown; template?: unknown } | null)?.format === EXPORT_FORMAT
        ? (data as { template: unknown }).template
        : data;
    const parsed = templateSchema.safeParse(raw);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new AppError(
        'paperwork.import_invalid',
        `导入的模板文件内容不完整或格式不对（${first?.path.join('.') || '模板'}：${first?.message ?? ''}）。请选择由本程序“导出”的 .xfdt.json 文件。`,
      );
    }
    return saveTemplate(parsed.data);
  }

  // ── values ──

  async function defaultsFor(caseId: string | null | undefined): Promise<Record<string, string>> {
    const base: Record<string, string> = { 成文日期: localDate(now()), ...profile.defaults };
    if (!caseId) return base;
    if (!deps.cases) {
      throw new AppError(
        'paperwork.case_unavailable',
        '信访件功能尚未接入文书生成，无法按信访件预填。请改用 --data-json 提供字段值，或在界面中手工填写。',
      );
    }
    const fromCase = await deps.cases.fieldsFor(caseId);
    if (!fromCase) throw new AppError('paperwork.case_not_found', `找不到信访件“${caseId}”。请核对信访件编号。`);
    return { ...base, ...fromCase };
  }

  const merge = (defaults: Record<string, string>, values: Readonly<Record<string, string>> | undefined) => {
    const given = Object.fromEntries(
      Object.entries(values ?? {}).filter(([, v]) => typeof v === 'string' && v.trim() !== ''),
    );
    return normalizeValues({ ...defaults, ...given });
  };

  /** The 机关代字 and year of the next 文号, checked like any printed text. */
  function numberKey(parsed: ParsedTemplate, values: Record<string, string>): { code: string; year: number } | null {
    if (!parsed.numberCode) return null;
    const code = renderNodes(parsed.numberCode, values).trim();
    const year = Number(/^(\d{4})/.exec(values['成文日期'] ?? '')?.[1] ?? now().getFullYear());
    if (!code) {
      throw new AppError(
        'paperwork.field_required',
        '缺少文号的机关代字。请在“本机关信息”中填写机关代字（例如 京信），或在表单中填写。',
      );
    }
    const bad = [...controlChars(code), ...charsOutsideBodyFont(code)];
    if (code.length > 40 || bad.length || /[〔〕[\]]/.test(code)) {
      throw new AppError(
        'paperwork.invalid_text',
        `机关代字“${code.slice(0, 40)}”不能用于文号${bad.length ? `（含有 ${bad.map(describeChar).join('、')}）` : ''}。机关代字只写汉字简称，例如 京信转，不含年份和括号。`,
      );
    }
    return { code, year };
  }

  const throwIssues = (issues: readonly ValueIssue[]) => {
    const first = issues[0]!;
    throw new AppError(first.code, issues.map((i) => i.message).join('\n'));
  };

  async function preview(req: Omit<GenerateRequest, 'outPath'>): Promise<PreviewResult> {
    const { template } = await current(req.templateId);
    const parsed = parse(template);
    const values = merge(await defaultsFor(req.caseId), req.values);
    const issues = checkValues(parsed, values, { allowOutsideFont: req.allowOutsideFont });
    let nextDocNumber: string | null = null;
    try {
      const key = numberKey(parsed, values);
      if (key)
        nextDocNumber = formatDocNumber(key.code, key.year, (ledger.sequences[`${key.code}|${key.year}`] ?? 0) + 1);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      issues.push({ field: '机关代字', code: e.code as ValueIssue['code'], message: e.message });
    }
    const model = composeDocument(parsed, values, nextDocNumber);
    return { model, nextDocNumber, issues, values };
  }

  /** Checks, allocates the 文号, writes the .docx and commits: all of it or nothing. */
  async function generate(req: GenerateRequest): Promise<IssuedDocument> {
    const { template, version } = await current(req.templateId);
    const parsed = parse(template);
    const values = merge(await defaultsFor(req.caseId), req.values);
    const issues = checkValues(parsed, values, { allowOutsideFont: req.allowOutsideFont });
    if (issues.length) throwIssues(issues);
    const outPath = req.outPath ? resolve(req.outPath) : undefined;
    if (outPath) await checkOutPath(outPath);
    const caseId = req.caseId ? ((await deps.cases?.resolveId?.(req.caseId)) ?? req.caseId) : null;

    const issued = await serial(async () => {
      const key = numberKey(parsed, values);
      const k = key ? `${key.code}|${key.year}` : null;
      const seq = key ? (ledger.sequences[k!] ?? 0) + 1 : null;
      const docNumber = key ? formatDocNumber(key.code, key.year, seq!) : null;
      const model: DocumentModel = composeDocument(parsed, values, docNumber);
      const bytes = await buildDocx(model, { fonts: profile.fonts });
      const id = `g${now().getTime().toString(36)}${randomBytes(3).toString('hex')}`;
      const year = key?.year ?? now().getFullYear();
      const rel = join('paperwork', 'files', String(year), `${safeName(docNumber ?? template.name)}-${id}.docx`);
      const stored = join(dataDir, rel);
      const record: IssuedRecord = {
        id,
        templateId: template.id,
        templateName: template.name,
        templateVersion: version,
        templateHash: sha256(JSON.stringify(template)),
        docType: template.docType,
        docNumber,
        title: model.title.replace(/\n/g, ''),
        caseId,
        file: rel,
        sha256: sha256(bytes),
        size: bytes.length,
        issuedAt: now().toISOString(),
        cancelled: null,
        numberKey: k,
        seq,
      };
      const files = outPath ? [stored, outPath] : [stored];
      ledger.pending = { id, numberKey: k, seq, files, sha256: record.sha256, record };
      try {
        await saveLedger();
        for (const f of files) await write(f, bytes);
        if (k && seq) ledger.sequences[k] = seq;
        ledger.issued.push(record);
        ledger.pending = null;
        await saveLedger();
      } catch (e) {
        // Undo: no file left behind, the number not consumed.
        for (const f of files) await unlink(f).catch(() => undefined);
        if (k && seq && ledger.sequences[k] === seq) ledger.sequences[k] = seq - 1;
        const at = ledger.issued.findIndex((r) => r.id === id);
        if (at >= 0) ledger.issued.splice(at, 1);
        ledger.pending = null;
        await saveLedger().catch((err: unknown) =>
          logger.error('paperwork: ledger rollback failed', { error: String(err) }),
        );
        throw e;
      }
      return record;
    });
    if (issued.caseId && deps.cases?.recordIssued) {
      await deps.cases
        .recordIssued(issued.caseId, publicRecord(issued))
        .catch((e: unknown) =>
          logger.warn('paperwork: the case did not record the issued document', { error: String(e) }),
        );
    }
    return publicRecord(issued);
  }

  async function checkOutPath(path: string): Promise<void> {
    if (!path.toLowerCase().endsWith('.docx')) {
      throw new AppError('validation.invalid_input', `输出文件“${path}”应以 .docx 结尾。`);
    }
    const dir = await stat(dirname(path)).catch(() => null);
    if (!dir?.isDirectory()) {
      throw new AppError('file.not_found', `输出文件夹“${dirname(path)}”不存在。请先建立文件夹，或换一个位置。`);
    }
    const inside = relative(dataDir, path);
    if (!inside.startsWith('..') && !isAbsolute(inside)) {
      throw new AppError('validation.invalid_input', '输出文件不能放在数据文件夹里。请换一个位置。');
    }
  }

  const publicRecord = (r: IssuedRecord): IssuedDocument => ({
    id: r.id,
    templateId: r.templateId,
    templateName: r.templateName,
    templateVersion: r.templateVersion,
    docType: r.docType,
    docNumber: r.docNumber,
    title: r.title,
    caseId: r.caseId,
    file: r.file,
    path: join(dataDir, r.file),
    sha256: r.sha256,
    size: r.size,
    issuedAt: r.issuedAt,
    cancelled: r.cancelled,
  });

  const listIssued = (caseId?: string | null): IssuedDocument[] =>
    ledger.issued
      .filter((r) => !caseId || r.caseId === caseId)
      .map(publicRecord)
      .reverse();

  /** Marks a 文号 as cancelled (作废): recorded with the reason and never handed out again. */
  function cancelNumber(docNumber: string, reason: string): Promise<IssuedDocument> {
    return serial(async () => {
      const at = ledger.issued.findIndex((r) => r.docNumber === docNumber);
      if (at < 0)
        throw new AppError('paperwork.number_not_found', `没有找到文号“${docNumber}”的发文记录。请核对文号。`);
      const rec = ledger.issued[at]!;
      if (rec.cancelled) {
        throw new AppError(
          'paperwork.number_already_cancelled',
          `文号“${docNumber}”已于 ${rec.cancelled.at.slice(0, 10)} 作废，无需重复操作。`,
        );
      }
      const next = { ...rec, cancelled: { at: now().toISOString(), reason } };
      ledger.issued[at] = next;
      try {
        await saveLedger();
      } catch (e) {
        ledger.issued[at] = rec;
        throw e;
      }
      return publicRecord(next);
    });
  }

  async function issuedFile(id: string): Promise<{ path: string; record: IssuedDocument }> {
    const r = ledger.issued.find((x) => x.id === id);
    if (!r) throw new AppError('paperwork.number_not_found', '没有找到这份文书的发文记录。');
    return { path: join(dataDir, r.file), record: publicRecord(r) };
  }

  /** The stored .docx of an issued document, checked against the hash recorded when it was generated. */
  async function issuedBytes(id: string): Promise<{ path: string; bytes: Buffer; record: IssuedDocument }> {
    const { path, record } = await issuedFile(id);
    const bytes = await readFile(path).catch(() => null);
    if (!bytes || sha256(bytes) !== record.sha256) {
      throw new AppError(
        'file.not_found',
        `文书“${record.title}”${record.docNumber ? `（${record.docNumber}）` : ''}的文件${bytes ? '已被改动' : '不在数据文件夹里了'}（${record.file}）。请从备份恢复该文件，或重新生成。`,
      );
    }
    return { path, bytes, record };
  }

  /** Opens the issued .docx in the user's word processor through the desktop shell. */
  async function openIssued(id: string): Promise<{ opened: true }> {
    const { path } = await issuedBytes(id);
    if (!openFile) {
      throw new AppError(
        'paperwork.open_unavailable',
        '在浏览器中无法直接调用本机的文字处理软件打开文书。请点“下载”保存文件后再打开。',
      );
    }
    await openFile(path);
    return { opened: true };
  }

  async function downloadIssued(id: string): Promise<{ name: string; mime: string; dataBase64: string }> {
    const { bytes, record } = await issuedBytes(id);
    return {
      name: `${safeName(record.docNumber ?? record.templateName)}-${safeName(record.title).slice(0, 40)}.docx`,
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      dataBase64: bytes.toString('base64'),
    };
  }

  async function updateProfile(
    defaults: Readonly<Record<string, string>>,
    fonts?: Partial<FontSet>,
  ): Promise<OfficeProfile> {
    const clean = normalizeValues(defaults);
    const next = { defaults: clean, ...(fonts ? { fonts } : profile.fonts ? { fonts: profile.fonts } : {}) };
    await writeFileAtomic(profilePath, JSON.stringify(next, null, 1));
    profile = next;
    return { defaults: profile.defaults };
  }

  async function suggestions(caseId: string): Promise<{ values: Record<string, string>; templates: string[] }> {
    const values = await defaultsFor(caseId);
    const templates = [...((await deps.cases?.suggestedTemplates?.(caseId)) ?? [])];
    return { values, templates };
  }

  return {
    listTemplates,
    getTemplate,
    validateTemplate,
    saveTemplate,
    exportTemplate,
    importTemplate,
    resetTemplate,
    preview,
    generate,
    listIssued,
    cancelNumber,
    issuedFile,
    openIssued,
    downloadIssued,
    /** The desktop shell hands its opener over once the core is up (the core never imports Electron). */
    setFileOpener: (fn: ((path: string) => Promise<void>) | null) => {
      openFile = fn;
    },
    profile: (): OfficeProfile => ({ defaults: profile.defaults }),
    updateProfile,
    suggestions,
    docTypeName: (id: string) => DOC_TYPE_BY_ID.get(id)?.name ?? id,
  };
}

async function loadBuiltins(dir: string, logger: Logger): Promise<Map<string, PaperworkTemplate>> {
  const out = new Map<string, PaperworkTemplate>();
  const files = await readdir(dir).catch(() => [] as string[]);
  for (const f of files.filter((x) => x.endsWith('.json')).sort()) {
    try {
      const t = templateSchema.parse(JSON.parse(await readFile(join(dir, f), 'utf8')));
      out.set(t.id, t);
    } catch (e) {
      logger.error('paperwork: a built-in template could not be read', { file: f, error: String(e) });
    }
  }
  return out;
}

/** The handlers of the 文书 part of the contract. */
export function createPaperworkApi(p: PaperworkUsecases): ApiPart<(typeof PAPERWORK_REQUEST_NAMES)[number]> {
  return {
    'paperwork.templates': async () => p.listTemplates(),
    'paperwork.template': async ({ id }) => p.getTemplate(id),
    'paperwork.validateTemplate': async ({ template }) => p.validateTemplate(template),
    'paperwork.saveTemplate': async ({ template }) => p.saveTemplate(template),
    'paperwork.exportTemplate': async ({ id }) => p.exportTemplate(id),
    'paperwork.importTemplate': async ({ content }) => p.importTemplate(content),
    'paperwork.resetTemplate': async ({ id }) => p.resetTemplate(id),
    'paperwork.preview': async (input) => p.preview(input),
    'paperwork.generate': async (input) => p.generate(input),
    'paperwork.issued': async ({ caseId }) => p.listIssued(caseId),
    'paperwork.openIssued': async ({ id }) => p.openIssued(id),
    'paperwork.downloadIssued': async ({ id }) => p.downloadIssued(id),
    'paperwork.cancelNumber': async ({ docNumber, reason }) => p.cancelNumber(docNumber, reason),
    'paperwork.profile': async () => p.profile(),
    'paperwork.updateProfile': async ({ defaults }) => p.updateProfile(defaults),
    'paperwork.caseSuggestions': async ({ caseId }) => p.suggestions(caseId),
  };
}

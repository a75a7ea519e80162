/**
 * The audit trail for the parts that keep their own records (cases, paperwork) and for exports of personal data:
 * each use case is wrapped so that, after it succeeded, one entry is appended (who, when, what, before/after).
 * Wrapping here keeps the case and paperwork modules free of audit code and covers every caller (UI, CLI, tests)
 * that goes through the app object.
 */
import type { Logger } from '../../logger';
import type { AuditInput, AuditLog } from './audit-log';
import type { CaseUsecases } from '../../usecases/cases.usecases';
import type { PaperworkUsecases } from '../../usecases/paperwork.usecases';
import type { ArchiveUsecases } from '../../usecases/archive.usecases';

/** The change is saved by now: a failing audit write is logged loudly but does not turn it into an error. */
const writer = (audit: AuditLog, logger: Logger) => async (input: AuditInput) => {
  await audit.record(input).catch((e: unknown) => {
    logger.error('audit log write failed', { action: input.action, id: input.entity.id, error: String(e) });
  });
};

/** Registration, steps, corrections and 登记 field changes of a case, and the statistics export. */
export function auditCaseUsecases(cases: CaseUsecases, audit: AuditLog, logger: Logger): CaseUsecases {
  const log = writer(audit, logger);
  const entity = (id: string) => ({ type: 'case', id });
  const lastEvent = (d: { timeline?: readonly unknown[] }) => d.timeline?.at(-1);
  return {
    ...cases,
    async register(input) {
      const d = await cases.register(input);
      await log({
        action: 'case.register',
        entity: entity(d.id),
        after: { number: d.number, fields: input.fields, receivedOn: input.receivedOn, category: input.category },
        actor: input.by,
      });
      return d;
    },
    async step(id, step) {
      const d = await cases.step(id, step);
      await log({
        action: 'case.step',
        entity: entity(id),
        after: { number: d.number, step: lastEvent(d) ?? step },
        actor: step.by,
      });
      return d;
    },
    async correct(input) {
      const before = cases.record(input.id).events.find((e) => e.id === input.targetId);
      const d = await cases.correct(input);
      await log({
        action: 'case.correct',
        entity: entity(input.id),
        before,
        after: { action: input.action, reason: input.reason, replacement: input.replacement ?? input.register ?? null },
        actor: input.by,
      });
      return d;
    },
    async updateFields(id, fields, by, reason) {
      const before = cases.record(id).fields;
      const d = await cases.updateFields(id, fields, by, reason);
      await log({
        action: 'case.update_fields',
        entity: entity(id),
        before,
        after: fields,
        detail: { reason },
        actor: by,
      });
      return d;
    },
    async exportStatistics(input) {
      const out = await cases.exportStatistics(input);
      await log({
        action: 'case.export',
        entity: { type: 'statistics', id: 'statistics' },
        detail: { file: out.name, period: input, personalData: '统计表（身份证号、电话已遮蔽）' },
      });
      return out;
    },
  };
}

/** 文书 generated from a case (its values carry the petitioner's personal data) and cancelled numbers. */
export function auditPaperwork(p: PaperworkUsecases, audit: AuditLog, logger: Logger): PaperworkUsecases {
  const log = writer(audit, logger);
  const issuedEntity = (id: string) => {
    const caseId = p.listIssued().find((i) => i.id === id)?.caseId;
    return caseId ? { type: 'case' as const, id: caseId } : { type: 'paperwork' as const, id };
  };
  return {
    ...p,
    async generate(req) {
      const issued = await p.generate(req);
      const after = {
        id: issued.id,
        docNumber: issued.docNumber,
        title: issued.title,
        templateId: issued.templateId,
        file: issued.file,
        sha256: issued.sha256,
      };
      // Filed under the case when there is one, so the case's trail lists every document printed from it.
      await log({
        action: 'paperwork.generate',
        entity: issued.caseId ? { type: 'case', id: issued.caseId } : { type: 'paperwork', id: issued.id },
        after,
        detail: { personalData: true, outside: req.outPath ? '另存到数据文件夹以外' : null },
      });
      return issued;
    },
    // Opening or downloading an issued document hands personal data to another program or out of the app.
    async openIssued(id) {
      const r = await p.openIssued(id);
      await log({ action: 'paperwork.open', entity: issuedEntity(id), detail: { personalData: true } });
      return r;
    },
    async downloadIssued(id) {
      const r = await p.downloadIssued(id);
      await log({
        action: 'paperwork.download',
        entity: issuedEntity(id),
        detail: { personalData: true, name: r.name },
      });
      return r;
    },
    // Template edits change every document printed afterwards: who changed a template is part of the trail.
    async saveTemplate(template) {
      const r = await p.saveTemplate(template);
      await log({ action: 'paperwork.template_save', entity: { type: 'template', id: r.id }, after: r });
      return r;
    },
    async resetTemplate(id) {
      const r = await p.resetTemplate(id);
      await log({ action: 'paperwork.template_reset', entity: { type: 'template', id }, after: r });
      return r;
    },
    async cancelNumber(docNumber, reason) {
      const r = await p.cancelNumber(docNumber, reason);
      await log({
        action: 'paperwork.cancel_number',
        entity: r.caseId ? { type: 'case', id: r.caseId } : { type: 'paperwork', id: r.id },
        after: { docNumber, reason },
      });
      return r;
    },
  };
}

/** Archive exports (目录, 收文登记簿, search results) list documents from outside: logged as disclosures. */
export function auditArchive(a: ArchiveUsecases, audit: AuditLog, logger: Logger): ArchiveUsecases {
  const log = writer(audit, logger);
  const exported = async (kind: string, params: unknown, out: { name: string; rows: number }) =>
    log({
      action: 'archive.export',
      entity: { type: 'export', id: kind },
      detail: { file: out.name, rows: out.rows, params },
    });
  return {
    ...a,
    async exportCatalogue(year) {
      const out = await a.exportCatalogue(year);
      await exported('catalogue', { year }, out);
      return out;
    },
    async exportRegister(from, to) {
      const out = await a.exportRegister(from, to);
      await exported('register', { from, to }, out);
      return out;
    },
    async exportSearch(input) {
      const out = await a.exportSearch(input);
      await exported('search', input, out);
      return out;
    },
  };
}

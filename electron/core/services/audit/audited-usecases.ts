/**
 * The audit trail for the parts that keep their own records (cases, paperwork) and for exports of personal data:
 * each use case is wrapped so that, after it succeeded, one entry is appended (who, when, what, before/after).
 * Wrapping here keeps the case and paperwork modules free of audit code and covers every caller (UI, CLI, tests)
 * that goes through the app object.
 */
import type { Logger } from '../../logger';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AUDIT_DIR, lastEntryOf, type AuditEntry, type AuditInput, type AuditLog } from './audit-log';
import type { AuditIntent, AuditIntents } from './audit-intents';
import type { CaseUsecases } from '../../usecases/cases.usecases';
import type { CaseEvent } from '../../../../shared/cases/case-events';
import type { PaperworkUsecases } from '../../usecases/paperwork.usecases';
import type { ArchiveUsecases } from '../../usecases/archive.usecases';

/** The change is saved by now: a failing audit write is logged loudly but does not turn it into an error. */
const writer =
  (audit: AuditLog, logger: Logger) =>
  async (input: AuditInput): Promise<boolean> =>
    audit.record(input).then(
      () => true,
      (e: unknown) => {
        logger.error('audit log write failed', { action: input.action, id: input.entity.id, error: String(e) });
        return false;
      },
    );

/**
 * Registration, steps, corrections and 登记 field changes of a case, and the statistics export. With `intents`, a
 * marker is written before each change and removed after its entry, so a kill or a failed append in between is
 * back-filled at the next start (`reconcileCaseAudit`).
 */
export function auditCaseUsecases(
  cases: CaseUsecases,
  audit: AuditLog,
  logger: Logger,
  intents?: AuditIntents,
): CaseUsecases {
  const log = writer(audit, logger);
  const entity = (id: string) => ({ type: 'case', id });
  const lastEvent = (d: { timeline?: readonly { id: string }[] }) => d.timeline?.at(-1);
  /** Runs one change between its marker and its entry; the marker stays only when the entry could not be written. */
  const guarded = async <T>(
    action: string,
    id: string | null,
    change: () => Promise<T>,
    entry: (r: T) => AuditInput,
  ): Promise<T> => {
    const intent: AuditIntent | null = intents ? await intents.begin(action, { type: 'case', id }) : null;
    let r: T;
    try {
      r = await change();
    } catch (e) {
      if (intent) await intents!.done(intent);
      throw e;
    }
    if ((await log(entry(r))) && intent) await intents!.done(intent);
    return r;
  };
  return {
    ...cases,
    register: (input) =>
      guarded(
        'case.register',
        null,
        () => cases.register(input),
        (d) => ({
          action: 'case.register',
          entity: entity(d.id),
          after: { number: d.number, fields: input.fields, receivedOn: input.receivedOn, category: input.category },
          detail: { eventId: lastEvent(d)?.id ?? 'e1' },
          actor: input.by,
        }),
      ),
    step: (id, step) =>
      guarded(
        'case.step',
        id,
        () => cases.step(id, step),
        (d) => ({
          action: 'case.step',
          entity: entity(id),
          after: { number: d.number, step: lastEvent(d) ?? step },
          actor: step.by,
        }),
      ),
    correct(input) {
      const before = cases.record(input.id).events.find((e) => e.id === input.targetId);
      return guarded(
        'case.correct',
        input.id,
        () => cases.correct(input),
        (d) => ({
          action: 'case.correct',
          entity: entity(input.id),
          before,
          after: {
            action: input.action,
            reason: input.reason,
            replacement: input.replacement ?? input.register ?? null,
          },
          detail: { eventId: lastEvent(d)?.id ?? null },
          actor: input.by,
        }),
      );
    },
    updateFields(id, fields, by, reason) {
      const before = cases.record(id).fields;
      return guarded(
        'case.update_fields',
        id,
        () => cases.updateFields(id, fields, by, reason),
        (d) => ({
          action: 'case.update_fields',
          entity: entity(id),
          before,
          after: fields,
          detail: { reason, correctionId: d.fieldCorrections.at(-1)?.id ?? null },
          actor: by,
        }),
      );
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

/**
 * The case changes that have no audit entry, as the entries to back-fill (补记): each with the change's own actor,
 * `detail.recovered` and `detail.occurredAt` (the log itself stays in write order, so `at` is when it was written).
 * Pure: the case record and its entries in, the missing entries out, oldest first.
 */
export function missingCaseEntries(
  rec: ReturnType<CaseUsecases['record']>,
  entries: readonly AuditEntry[],
  timeline: readonly { readonly id: string }[],
): AuditInput[] {
  const seen = new Set<string>();
  const correctedTargets = new Set<string>();
  const corrections = new Set<string>();
  let unnamedFieldEntries = 0;
  for (const e of entries) {
    const eventId = e.detail?.['eventId'];
    if (typeof eventId === 'string') seen.add(eventId);
    if (e.action === 'case.register') seen.add(rec.events[0]?.id ?? 'e1');
    const stepId = (e.after as { step?: { id?: unknown } } | undefined)?.step?.id;
    if (e.action === 'case.step' && typeof stepId === 'string') seen.add(stepId);
    // Entries written before event ids were recorded name the corrected event as `before`.
    const target = (e.before as { id?: unknown } | undefined)?.id;
    if (e.action === 'case.correct' && typeof eventId !== 'string' && typeof target === 'string')
      correctedTargets.add(target);
    if (e.action === 'case.update_fields') {
      const cid = e.detail?.['correctionId'];
      if (typeof cid === 'string') corrections.add(cid);
      else unnamedFieldEntries++;
    }
  }
  const out: { at: string; input: AuditInput }[] = [];
  const entity = { type: 'case', id: rec.id };
  const recovered = (eventId: string | null, occurredAt: string) => ({
    recovered: true,
    occurredAt,
    ...(eventId ? { eventId } : {}),
  });
  for (const ev of rec.events as readonly CaseEvent[]) {
    if (seen.has(ev.id) || (ev.type === 'correct' && correctedTargets.has(ev.targetId))) continue;
    const at = ev.recordedAt ?? ev.on;
    if (ev.type === 'register') {
      out.push({
        at,
        input: {
          action: 'case.register',
          entity,
          after: {
            number: rec.number,
            // The form as registered: the first 登记 change keeps it as its `before`.
            fields: rec.fieldCorrections[0]?.before ?? rec.fields,
            receivedOn: ev.receivedOn,
            category: ev.category,
          },
          detail: recovered(ev.id, at),
          actor: ev.by,
        },
      });
    } else if (ev.type === 'correct') {
      out.push({
        at,
        input: {
          action: 'case.correct',
          entity,
          before: rec.events.find((x) => x.id === ev.targetId),
          after: { action: ev.action, reason: ev.reason, replacement: ev.action === 'amend' ? ev.replacement : null },
          detail: recovered(ev.id, at),
          actor: ev.by,
        },
      });
    } else {
      out.push({
        at,
        input: {
          action: 'case.step',
          entity,
          after: { number: rec.number, step: timeline.find((t) => t.id === ev.id) ?? ev },
          detail: recovered(ev.id, at),
          actor: ev.by,
        },
      });
    }
  }
  // Older entries carry no correction id: they stand for the earliest changes, in order.
  const unnamed = rec.fieldCorrections.filter((fc) => !corrections.has(fc.id)).slice(unnamedFieldEntries);
  for (const fc of unnamed)
    out.push({
      at: fc.at,
      input: {
        action: 'case.update_fields',
        entity,
        before: fc.before,
        after: fc.after,
        detail: { reason: fc.reason, correctionId: fc.id, ...recovered(null, fc.at) },
        actor: fc.by,
      },
    });
  return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)).map((x) => x.input);
}

/**
 * At start-up: every case named by a marker left behind (a kill or a failed append between a saved change and its
 * audit entry) is compared with its audit entries, and what is missing is appended as 补记. Only marked cases are
 * read, so a clean start costs one folder listing. A marker is cleared only when its case is complete.
 */
export async function reconcileCaseAudit(deps: {
  cases: CaseUsecases;
  audit: AuditLog;
  intents: AuditIntents;
  logger: Logger;
}): Promise<{ readonly checked: number; readonly backfilled: number }> {
  const { cases, audit, intents, logger } = deps;
  const pending = (await intents.pending()).filter((i) => i.entity.type === 'case');
  if (pending.length === 0) return { checked: 0, backfilled: 0 };
  const ids = new Set<string>();
  for (const i of pending) {
    if (i.entity.id) ids.add(i.entity.id);
    // A 登记 gets its id when saved: any case made since the marker was written may be the one.
    else for (const s of cases.list()) if (cases.record(s.id).createdAt >= i.at) ids.add(s.id);
  }
  let backfilled = 0;
  for (const id of ids) {
    let rec: ReturnType<CaseUsecases['record']>;
    try {
      rec = cases.record(id);
    } catch {
      continue; // killed before the case was saved: nothing happened, nothing to record
    }
    const missing = missingCaseEntries(rec, await audit.forEntity('case', id), cases.get(id).timeline);
    for (const input of missing) {
      await audit.record(input);
      backfilled++;
    }
  }
  for (const i of pending) await intents.done(i);
  if (backfilled) logger.warn('audit entries back-filled after an interrupted change', { cases: ids.size, backfilled });
  return { checked: ids.size, backfilled };
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
    // DA/T 22 件: grouping before numbering, and the 拆件/调整 of a numbered 件 with its reason and paper note.
    async group(headId, members) {
      const before = a.pieceMembers(headId);
      const out = await a.group(headId, members);
      await log({ action: 'archive.group', entity: { type: 'document', id: headId }, before, after: members });
      return out;
    },
    async ungroup(headId) {
      const before = a.pieceMembers(headId);
      const out = await a.ungroup(headId);
      if (before.length) await log({ action: 'archive.ungroup', entity: { type: 'document', id: headId }, before });
      return out;
    },
    async adjustPiece(headId, members, reason) {
      const out = await a.adjustPiece(headId, members, reason);
      await log({
        action: 'archive.adjust_piece',
        entity: { type: 'document', id: headId },
        before: { members: out.before.members ?? [], pages: out.before.pages },
        after: { members, pages: out.piece.pages },
        detail: { archiveNumber: out.before.archiveNumber, reason, paperNote: out.paperNote },
      });
      return out;
    },
    async exportYear(input) {
      const out = await a.exportYear(input);
      await exported('year', { year: input.year }, { name: out.path, rows: out.pieces });
      return out;
    },
  };
}

/** The time of the trail's newest entry (one block read from the end of the newest year's file), or null. */
export async function auditTailAt(dataDir: string): Promise<string | null> {
  const dir = join(dataDir, AUDIT_DIR);
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /^audit-\d{4}\.jsonl$/.test(n)).sort();
  for (let i = names.length - 1; i >= 0; i--) {
    const last = await lastEntryOf(join(dir, names[i]!));
    if (last) return last.at;
  }
  return null;
}

/** What a document record holds that its audit entries show. */
export interface AuditedDocument {
  readonly id: string;
  readonly status: string;
  readonly fields: unknown;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly filedAt: string | null;
}

/**
 * At start-up: a document saved (imported, filed, corrected) after the trail's newest entry was saved by a run that
 * was killed before its entry was appended. Only those documents are compared with their entries (a filter over the
 * records in memory, then one indexed look-up each); what is missing is appended as 补记 with the record's own time.
 * The fields before such a change were never written anywhere, so the entry says so instead of guessing. A folder
 * with no trail at all (made before the trail existed) is left alone.
 */
export async function reconcileDocumentAudit(deps: {
  documents: Iterable<AuditedDocument>;
  audit: AuditLog;
  tailAt: string | null;
  logger: Logger;
}): Promise<{ readonly checked: number; readonly backfilled: number }> {
  const { audit, tailAt, logger } = deps;
  if (tailAt === null) return { checked: 0, backfilled: 0 };
  const changed = [...deps.documents].filter((d) => d.updatedAt > tailAt || d.createdAt > tailAt);
  let backfilled = 0;
  for (const d of changed) {
    const entries = await audit.forEntity('document', d.id);
    const entity = { type: 'document', id: d.id };
    if (!entries.some((e) => e.action === 'document.import')) {
      await audit.record({
        action: 'document.import',
        entity,
        after: { status: 'review' },
        detail: { recovered: true, occurredAt: d.createdAt },
      });
      backfilled++;
    }
    if (d.status !== 'filed') continue;
    const lastFields = entries
      .filter((e) => e.action === 'document.file' || e.action === 'document.correct')
      .map((e) => (e.after as { fields?: unknown } | undefined)?.fields)
      .at(-1);
    if (lastFields !== undefined && JSON.stringify(lastFields) === JSON.stringify(d.fields)) continue;
    const filing = lastFields === undefined;
    await audit.record({
      action: filing ? 'document.file' : 'document.correct',
      entity,
      after: { status: d.status, fields: d.fields },
      detail: {
        recovered: true,
        occurredAt: filing ? (d.filedAt ?? d.updatedAt) : d.updatedAt,
        note: '保存后程序中断，修改前的内容未能记录',
      },
    });
    backfilled++;
  }
  if (backfilled) logger.warn('document audit entries back-filled after an interrupted save', { backfilled });
  return { checked: changed.length, backfilled };
}

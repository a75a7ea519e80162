import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { createApp, type XinfangApp } from '../../../electron/core/create-app';
import { dispatch } from '../../../electron/core/dispatch';
import { silentLogger } from '../../../electron/core/logger';
import { handoverError } from '../../../electron/core/usecases/archive.handover';
import type { AppEvent } from '../../../shared/api/contract';
import { createTextReader, lineExtract, tempDir } from '../../helpers/fakes';

let dir: string;
let cleanup: () => Promise<void>;
let app: XinfangApp;

const open = () =>
  createApp({
    dataDir: dir,
    logger: silentLogger,
    reader: createTextReader(),
    extract: lineExtract,
    now: () => new Date('2026-03-02T08:00:00Z'),
    watch: false,
  });

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  app = await open();
});
afterEach(async () => {
  await app.close();
  await cleanup();
});

type Fields = Parameters<XinfangApp['api']['documents.save']>[0]['fields'];
/** Files a text document: line 1 body, 2 文号, 3 title, 4 date (lineExtract); pages split on \f. */
async function file(name: string, lines: string[], fields: Partial<Fields> = {}, pages = 1) {
  const text = [lines.join('\n'), ...Array.from({ length: pages - 1 }, (_, i) => `第${i + 2}页`)].join('\f');
  const { document } = await app.documents.importFile({ name, bytes: Buffer.from(text, 'utf8') });
  return app.api['documents.save']({ id: document.id, fields: { ...document.fields, ...fields } });
}

const notice = () =>
  file(
    'notice.txt',
    ['某市信访局', '市信发〔2025〕7号', '关于开展信访积案化解工作的通知', '2025-03-01', '正文'],
    { docType: '通知', attachments: ['1．信访积案化解工作台账'] },
    2,
  );
const ledger = () => file('ledger.txt', ['', '', '信访积案化解工作台账', '2025-03-01', '表格'], {}, 3);
const other = () =>
  file('other.txt', ['某市信访局', '市信发〔2025〕9号', '关于春节值班安排的通知', '2025-01-20', '值班'], {
    docType: '通知',
  });

describe('件 assembly through the contract', () => {
  it('suggests, groups and numbers a 件 once, with summed 页数, one 目录 row and the 档号 on every document', async () => {
    const a = await notice();
    const b = await ledger();
    const c = await other();
    const before = await app.api['archive.pieces']({ year: 2025 });
    expect(before.pieces).toHaveLength(3);
    expect(before.suggestions).toEqual([
      { headId: a.id, optional: false, members: [{ id: b.id, role: '附件', reason: expect.any(String) }] },
    ]);

    const grouped = await app.api['archive.group']({ headId: a.id, members: [{ id: b.id, role: '附件' }] });
    expect(grouped.pages).toBe(5);
    expect(grouped.members.map((m) => [m.document.id, m.role])).toEqual([[b.id, '附件']]);
    const after = await app.api['archive.pieces']({ year: 2025 });
    expect(after.pieces.map((p) => p.head.id)).toEqual([a.id, c.id]);
    expect(after.suggestions).toEqual([]);

    const r = await app.api['archive.assignNumbers']({ year: 2025, fonds: 'X001', org: 'BGS' });
    expect(r.assigned).toBe(2);
    const numbered = await app.api['archive.pieces']({ year: 2025 });
    const piece = numbered.pieces.find((p) => p.head.id === a.id)!;
    expect(piece.entry).toMatchObject({ archiveNumber: 'X001-WS·2025-D30-BGS-0001', pages: 5 });
    expect(piece.entry!.members).toEqual([{ documentId: b.id, role: '附件' }]);
    expect(piece.stamp).toEqual({
      全宗号: 'X001',
      年度: '2025',
      件号: '0001',
      '机构（问题）': 'BGS',
      保管期限: '30年',
      页数: '5',
    });
    // The member carries its 件's 档号 in the per-document view and in the 收文登记簿.
    const views = await app.api['archive.entries']({ year: 2025 });
    expect(views.find((v) => v.document.id === b.id)!.entry!.archiveNumber).toBe('X001-WS·2025-D30-BGS-0001');

    const cat = await app.api['archive.exportCatalogue']({ year: 2025 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(cat.dataBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(cat.rows).toBe(2);
    expect(ws.getRow(3).getCell(5).value).toBe('关于开展信访积案化解工作的通知');
    expect(ws.getRow(3).getCell(8).value).toBe(5);
    expect(ws.getRow(3).getCell(9).value).toBe('含附件1份');
  });

  it('refuses to change a numbered 件 except by an audited 拆件/调整 that says what to do on paper', async () => {
    const a = await notice();
    const b = await ledger();
    const c = await other();
    await app.api['archive.group']({ headId: a.id, members: [{ id: b.id, role: '附件' }] });
    await app.api['archive.assignNumbers']({ year: 2025, fonds: 'X001' });

    const refused = await dispatch(app.api, 'archive.ungroup', { headId: a.id });
    expect(refused.ok ? null : refused.error).toMatchObject({
      code: 'archive.already_numbered',
      message: expect.stringContaining('拆件/调整'),
    });
    const stolen = await dispatch(app.api, 'archive.group', { headId: c.id, members: [{ id: b.id, role: '附件' }] });
    expect(stolen.ok ? null : stolen.error.code).toBe('archive.already_numbered');
    const noReason = await dispatch(app.api, 'archive.adjustPiece', { headId: a.id, members: [], reason: ' ' });
    expect(noReason.ok ? null : noReason.error.code).toBe('validation.invalid_input');

    const adjusted = await app.api['archive.adjustPiece']({ headId: a.id, members: [], reason: '台账系另案材料' });
    expect(adjusted.piece.pages).toBe(2);
    expect(adjusted.piece.entry!.archiveNumber).toBe('X001-WS·2025-D30-0001');
    expect(adjusted.paperNote).toContain('从本件取下');
    expect(adjusted.paperNote).toContain('由 5 划改为 2');
    expect(adjusted.paperNote).toContain('台账系另案材料');
    const trail = await app.api['audit.trail']({ type: 'document', id: a.id });
    expect(trail.map((t) => t.action)).toEqual(expect.arrayContaining(['archive.group', 'archive.adjust_piece']));
    expect(trail.find((t) => t.action === 'archive.adjust_piece')!.label).toBe('拆件/调整');

    // The document taken out gets the next 件号 of the class; numbers already given are never reused.
    const again = await app.api['archive.assignNumbers']({ year: 2025, fonds: 'X001' });
    expect(again.assigned).toBe(1);
    expect(again.entries.find((v) => v.document.id === b.id)!.entry!.archiveNumber).toBe('X001-WS·2025-D10-0001');
  });

  it('refuses bad groupings with Chinese messages and saves nothing', async () => {
    const a = await notice();
    const b = await ledger();
    const self = await dispatch(app.api, 'archive.group', { headId: a.id, members: [{ id: a.id, role: '附件' }] });
    expect(self.ok ? null : self.error.code).toBe('archive.piece_conflict');
    const twice = await dispatch(app.api, 'archive.group', {
      headId: a.id,
      members: [
        { id: b.id, role: '附件' },
        { id: b.id, role: '复制件' },
      ],
    });
    expect(twice.ok ? null : twice.error.code).toBe('archive.piece_conflict');
    const head = await dispatch(app.api, 'archive.group', { headId: a.id, members: [{ id: b.id, role: '正文' }] });
    expect(head.ok ? null : head.error.code).toBe('validation.invalid_input');
    const missing = await dispatch(app.api, 'archive.group', {
      headId: a.id,
      members: [{ id: 'd9999999', role: '附件' }],
    });
    expect(missing.ok ? null : missing.error.code).toBe('document.not_found');
    expect((await app.api['archive.pieces']({ year: 2025 })).pieces).toHaveLength(2);
    // A member of a draft cannot head another 件 until it is taken out.
    await app.api['archive.group']({ headId: a.id, members: [{ id: b.id, role: '附件' }] });
    const nested = await dispatch(app.api, 'archive.group', { headId: b.id, members: [{ id: a.id, role: '附件' }] });
    expect(nested.ok ? null : nested.error.code).toBe('archive.piece_conflict');
    const apart = await app.api['archive.ungroup']({ headId: a.id });
    expect(apart.map((p) => p.head.id)).toEqual([a.id, b.id]);
  });

  it('reads an archive.json written before 件 assembly and keeps drafts across a restart', async () => {
    const a = await notice();
    const b = await ledger();
    await app.close();
    await writeFile(
      join(dir, 'records', 'archive.json'),
      JSON.stringify({
        entries: [
          {
            documentId: b.id,
            archiveNumber: 'X001-WS·2025-D10-0001',
            fonds: 'X001',
            year: 2025,
            retention: '定期10年',
            org: '',
            piece: 1,
            pages: 3,
            assignedAt: '2026-01-01T00:00:00Z',
          },
        ],
      }),
    );
    app = await open();
    const old = await app.api['archive.pieces']({ year: 2025 });
    expect(old.pieces.find((p) => p.head.id === b.id)!.stamp!.页数).toBe('3');
    const c = await other();
    await app.api['archive.group']({ headId: a.id, members: [{ id: c.id, role: '其他' }] });
    await app.close();
    app = await open();
    const kept = await app.api['archive.pieces']({ year: 2025 });
    expect(kept.pieces.find((p) => p.head.id === a.id)!.members.map((m) => m.document.id)).toEqual([c.id]);
  });
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('the year’s hand-over folder', () => {
  it('writes originals by 档号, the 目录 and a manifest whose SHA-256 match, with progress, and a zip on request', async () => {
    const a = await notice();
    const b = await ledger();
    await other();
    await app.api['archive.group']({ headId: a.id, members: [{ id: b.id, role: '附件' }] });
    await app.api['archive.assignNumbers']({ year: 2025, fonds: 'X001' });
    const events: AppEvent[] = [];
    app.onEvent((e) => events.push(e));
    const r = await app.api['archive.exportYear']({ year: 2025, zip: true });
    expect(r.path.startsWith(join(dir, 'exports'))).toBe(true);
    expect(r).toMatchObject({ pieces: 2, documents: 3, verified: true });
    const top = (await readdir(r.path)).sort();
    expect(top).toEqual(
      [
        'X001-WS·2025-D30-0001',
        'X001-WS·2025-D30-0002',
        'manifest.json',
        '归档文件目录-2025.xlsx',
        '移交清单.txt',
      ].sort(),
    );
    expect((await readdir(join(r.path, 'X001-WS·2025-D30-0001'))).sort()).toEqual([
      '01-正文-notice.txt',
      '02-附件-ledger.txt',
    ]);
    const manifest = JSON.parse(await readFile(join(r.path, 'manifest.json'), 'utf8')) as {
      format: string;
      pieces: { archiveNumber: string; pages: number; documents: { role: string }[] }[];
      files: { path: string; size: number; sha256: string }[];
    };
    expect(manifest.format).toBe('xinfangdesk-handover');
    expect(manifest.pieces[0]).toMatchObject({ archiveNumber: 'X001-WS·2025-D30-0001', pages: 5 });
    expect(manifest.files).toHaveLength(r.files - 1);
    for (const f of manifest.files) expect(sha(await readFile(join(r.path, ...f.path.split('/'))))).toBe(f.sha256);
    const text = await readFile(join(r.path, '移交清单.txt'), 'utf8');
    expect(text).toContain('【X001-WS·2025-D30-0001】关于开展信访积案化解工作的通知');
    expect(text).toContain(manifest.files[0]!.sha256);
    const stages = new Set(events.flatMap((e) => (e.name === 'archive.progress' ? [e.payload.stage] : [])));
    expect([...stages]).toEqual(['copy', 'verify', 'zip']);
    expect(r.zip?.name).toMatch(/\.zip$/);
    expect(Buffer.from(r.zip!.dataBase64, 'base64').subarray(0, 2).toString()).toBe('PK');
    const trail = await app.api['audit.verify']({});
    expect(trail.ok).toBe(true);
  });

  it('writes into an empty chosen folder, a new subfolder of a non-empty one, and refuses a file or a year with nothing numbered', async () => {
    await other();
    const none = await dispatch(app.api, 'archive.exportYear', { year: 2025 });
    expect(none.ok ? null : none.error).toMatchObject({
      code: 'archive.nothing_to_export',
      message: expect.stringContaining('编制档号'),
    });
    await app.api['archive.assignNumbers']({ year: 2025, fonds: 'X001' });
    const empty = join(dir, '..', `${Date.now()}-handover-empty`);
    await mkdir(empty);
    try {
      const r = await app.api['archive.exportYear']({ year: 2025, outDir: empty });
      expect(r.path).toBe(empty);
      expect(r.zip).toBeNull();
      const again = await app.api['archive.exportYear']({ year: 2025, outDir: empty });
      expect(again.path.startsWith(join(empty, '归档移交-2025-'))).toBe(true);
      const notFolder = await dispatch(app.api, 'archive.exportYear', {
        year: 2025,
        outDir: join(empty, 'manifest.json'),
      });
      expect(notFolder.ok ? null : notFolder.error.code).toBe('validation.invalid_input');
      const relative = await dispatch(app.api, 'archive.exportYear', { year: 2025, outDir: 'exports/x' });
      expect(relative.ok ? null : relative.error.code).toBe('validation.invalid_input');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('leaves no half-written folder when an original is missing, and says so in Chinese', async () => {
    const c = await other();
    await app.api['archive.assignNumbers']({ year: 2025, fonds: 'X001' });
    const rec = app.store.getDocument(c.id)!;
    await rm(app.store.blobs.pathOf(rec.originals[0]!.sha256, rec.originals[0]!.ext));
    const r = await dispatch(app.api, 'archive.exportYear', { year: 2025 });
    expect(r.ok ? null : r.error.code).toBe('archive.export_failed');
    expect(await readdir(join(dir, 'exports')).catch(() => [])).toEqual([]);
  });

  it('names a full disk as such', () => {
    const e = handoverError(Object.assign(new Error('no space'), { code: 'ENOSPC' }), 120);
    expect(e.code).toBe('archive.disk_full');
    expect(e.message).toContain('约需 120 MB');
  });
});

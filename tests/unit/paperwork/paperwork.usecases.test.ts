import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/core/logger';
import { writeFileAtomic } from '../../../electron/core/store/atomic-file';
import { openPaperwork, type PaperworkDeps } from '../../../electron/core/usecases/paperwork.usecases';
import { AppError } from '../../../shared/errors/app-error';
import { SAMPLE_VALUES } from '../../fixtures/paperwork/sample-values';
import { tempDir } from '../../helpers/fakes';
import { BUILTIN_DIR } from './builtin-templates';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir('xfd-paperwork-')));
afterEach(() => cleanup());

const open = (extra: Partial<PaperworkDeps> = {}) =>
  openPaperwork({
    dataDir: dir,
    builtinDir: BUILTIN_DIR,
    now: () => new Date('2026-03-05T08:00:00Z'),
    logger: silentLogger,
    ...extra,
  });

const filesIn = async (sub: string) => {
  const p = join(dir, 'paperwork', 'files', sub);
  return existsSync(p) ? readdir(p) : [];
};

const rejection = async (p: Promise<unknown>): Promise<AppError> => {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
};

describe('文号 allocation', () => {
  it('numbers documents per 机关代字 and year, in sequence, and stores each .docx', async () => {
    const p = await open();
    const a = await p.generate({ templateId: 'chuli_yijian', values: SAMPLE_VALUES });
    const b = await p.generate({ templateId: 'chuli_yijian', values: SAMPLE_VALUES });
    const c = await p.generate({ templateId: 'zhuansong', values: SAMPLE_VALUES });
    const d = await p.generate({ templateId: 'chuli_yijian', values: { ...SAMPLE_VALUES, 成文日期: '2027-01-04' } });
    expect([a.docNumber, b.docNumber, c.docNumber, d.docNumber]).toEqual([
      '临信处〔2026〕1号',
      '临信处〔2026〕2号',
      '临信转〔2026〕1号',
      '临信处〔2027〕1号',
    ]);
    const bytes = await readFile(join(dir, a.file));
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(a.templateVersion).toBe(1);
  });

  it('gives 20 documents generated at the same moment 20 different numbers with no gap', async () => {
    const p = await open();
    const docs = await Promise.all(
      Array.from({ length: 20 }, () => p.generate({ templateId: 'shouli_gaozhi', values: SAMPLE_VALUES })),
    );
    const seqs = docs.map((d) => Number(/〕(\d+)号/.exec(d.docNumber!)![1])).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await filesIn('2026')).toHaveLength(20);
  });

  it('keeps the sequence across a restart', async () => {
    const p = await open();
    await p.generate({ templateId: 'yanqi', values: SAMPLE_VALUES });
    const again = await open();
    const next = await again.generate({ templateId: 'yanqi', values: SAMPLE_VALUES });
    expect(next.docNumber).toBe('临信延告〔2026〕2号');
  });

  it('leaves no file and consumes no number when writing the document fails', async () => {
    let fail = true;
    const p = await open({
      writeFile: async (path, data) => {
        if (fail) throw new AppError('store.write_failed', '磁盘已满（测试）');
        await writeFileAtomic(path, data);
      },
    });
    await rejection(p.generate({ templateId: 'chuli_yijian', values: SAMPLE_VALUES }));
    expect(await filesIn('2026')).toEqual([]);
    expect(p.listIssued()).toEqual([]);
    fail = false;
    const ok = await p.generate({ templateId: 'chuli_yijian', values: SAMPLE_VALUES });
    expect(ok.docNumber).toBe('临信处〔2026〕1号');
  });

  it('rolls back both copies when the second (--out) copy cannot be written', async () => {
    let writes = 0;
    const p = await open({
      writeFile: async (path, data) => {
        if (++writes === 2) throw new AppError('store.write_failed', '没有写入权限（测试）');
        await writeFileAtomic(path, data);
      },
    });
    const out = join(dir, '..', `${Date.now()}-out.docx`);
    await rejection(p.generate({ templateId: 'han', values: SAMPLE_VALUES, outPath: out }));
    expect(existsSync(out)).toBe(false);
    expect(await filesIn('2026')).toEqual([]);
  });

  it('settles a generation interrupted between the file and the ledger: a whole file is kept and its number counted', async () => {
    const p = await open();
    await p.generate({ templateId: 'fucha', values: SAMPLE_VALUES });
    // Simulate the crash: a pending entry whose file is on disk, as the generator leaves it just before committing.
    const ledgerPath = join(dir, 'paperwork', 'numbers.json');
    const ledger = JSON.parse(await readFile(ledgerPath, 'utf8'));
    const rec = ledger.issued.pop();
    ledger.sequences['临信复查|2026'] = 0;
    ledger.pending = {
      id: rec.id,
      numberKey: '临信复查|2026',
      seq: 1,
      files: [join(dir, rec.file)],
      sha256: rec.sha256,
      record: rec,
    };
    await writeFile(ledgerPath, JSON.stringify(ledger));
    const reopened = await open();
    expect(reopened.listIssued().map((d) => d.docNumber)).toEqual(['临信复查〔2026〕1号']);
    const next = await reopened.generate({ templateId: 'fucha', values: SAMPLE_VALUES });
    expect(next.docNumber).toBe('临信复查〔2026〕2号');
  });

  it('settles an interrupted generation whose file is incomplete by deleting it and freeing the number', async () => {
    const p = await open();
    const first = await p.generate({ templateId: 'fuhe', values: SAMPLE_VALUES });
    const ledgerPath = join(dir, 'paperwork', 'numbers.json');
    const ledger = JSON.parse(await readFile(ledgerPath, 'utf8'));
    const half = join(dir, 'paperwork', 'files', '2026', 'half.docx');
    await writeFile(half, 'PK partial');
    ledger.pending = {
      id: 'x',
      numberKey: '临信复核|2026',
      seq: 2,
      files: [half],
      sha256: 'nope',
      record: { ...first, id: 'x' },
    };
    await writeFile(ledgerPath, JSON.stringify(ledger));
    const reopened = await open();
    expect(existsSync(half)).toBe(false);
    expect((await reopened.generate({ templateId: 'fuhe', values: SAMPLE_VALUES })).docNumber).toBe(
      '临信复核〔2026〕2号',
    );
  });

  it('records a cancelled number with its reason and never hands it out again', async () => {
    const p = await open();
    const a = await p.generate({ templateId: 'zhuansong', values: SAMPLE_VALUES });
    const cancelled = await p.cancelNumber(a.docNumber!, '主送机关填错，重新发文');
    expect(cancelled.cancelled).toMatchObject({ reason: '主送机关填错，重新发文' });
    const b = await p.generate({ templateId: 'zhuansong', values: SAMPLE_VALUES });
    expect(b.docNumber).toBe('临信转〔2026〕2号');
    expect((await rejection(p.cancelNumber(a.docNumber!, '再次'))).code).toBe('paperwork.number_already_cancelled');
    expect((await rejection(p.cancelNumber('临信转〔2026〕99号', 'x'))).code).toBe('paperwork.number_not_found');
  });
});

describe('bad input', () => {
  it('writes nothing and consumes no number for a missing required field, a 10,000-character field or a rare character', async () => {
    const p = await open();
    const missing = await rejection(
      p.generate({ templateId: 'chuli_yijian', values: { ...SAMPLE_VALUES, 复查机关: '' } }),
    );
    expect(missing.code).toBe('paperwork.field_required');
    expect(missing.message).toContain('复查机关');
    const long = await rejection(
      p.generate({ templateId: 'chuli_yijian', values: { ...SAMPLE_VALUES, 处理意见: '意'.repeat(10_000) } }),
    );
    expect(long.code).toBe('paperwork.field_too_long');
    const rare = await rejection(
      p.generate({ templateId: 'chuli_yijian', values: { ...SAMPLE_VALUES, 信访人: '王堃' } }),
    );
    expect(rare.code).toBe('paperwork.char_outside_font');
    expect(await filesIn('2026')).toEqual([]);
    expect((await p.generate({ templateId: 'chuli_yijian', values: SAMPLE_VALUES })).docNumber).toBe(
      '临信处〔2026〕1号',
    );
  });

  it('refuses an output folder that does not exist before allocating a number', async () => {
    const p = await open();
    const e = await rejection(
      p.generate({ templateId: 'han', values: SAMPLE_VALUES, outPath: join(dir, '..', 'no-such-dir-xfd', 'a.docx') }),
    );
    expect(e.code).toBe('file.not_found');
    expect(p.listIssued()).toEqual([]);
  });

  it('says clearly that a case cannot be found', async () => {
    const p = await open({ cases: { fieldsFor: async () => null } });
    expect((await rejection(p.generate({ templateId: 'han', caseId: 'c-none' }))).code).toBe(
      'paperwork.case_not_found',
    );
  });
  it('refuses a stored template with a syntax error before allocating a number or writing a file', async () => {
    const p = await open();
    const { template } = await p.getTemplate('han');
    // A version edited by hand outside the app: an optional block that is never closed.
    const broken = { ...template, parts: { ...template.parts, body: '{#抄送}请抄送{抄送}。' } };
    await writeFile(
      join(dir, 'paperwork', 'templates', 'han.json'),
      JSON.stringify({ id: 'han', versions: [{ version: 2, savedAt: null, template: broken }] }),
    );
    const ledgerBefore = await readFile(join(dir, 'paperwork', 'numbers.json'), 'utf8').catch(() => null);
    const e = await rejection(p.generate({ templateId: 'han', values: SAMPLE_VALUES }));
    expect(e.code).toBe('paperwork.template_invalid');
    expect(e.message).toMatch(/第 \d+ 行第 \d+ 列/);
    expect(e.message).toContain('模板编辑器');
    expect(await filesIn('2026')).toEqual([]);
    expect(p.listIssued()).toEqual([]);
    expect(await readFile(join(dir, 'paperwork', 'numbers.json'), 'utf8').catch(() => null)).toBe(ledgerBefore);
  });

  it('refuses a case that lacks a field the document requires, naming it, with nothing written', async () => {
    // The case knows the petitioner but not the 复查 body a 处理意见书 must name.
    const p = await open({
      cases: { fieldsFor: async () => ({ 信访人: '赵六', 收到日期: '2026-03-01', 诉求: '请求交房' }) },
    });
    const { 复查机关: _dropped, ...withoutReviewBody } = SAMPLE_VALUES;
    const e = await rejection(
      p.generate({ templateId: 'chuli_yijian', caseId: 'c1', values: { ...withoutReviewBody, 信访人: '' } }),
    );
    expect(e.code).toBe('paperwork.field_required');
    expect(e.message).toContain('复查机关');
    expect(await filesIn('2026')).toEqual([]);
    expect(p.listIssued()).toEqual([]);
    // Filled in, the same document gets the first number: the failure consumed none.
    const ok = await p.generate({ templateId: 'chuli_yijian', caseId: 'c1', values: SAMPLE_VALUES });
    expect(ok.docNumber).toBe('临信处〔2026〕1号');
  });
});

describe('opening an issued document', () => {
  it('opens the stored .docx through the shell when the desktop app provides one, else says to download it', async () => {
    const opened: string[] = [];
    const p = await open();
    const doc = await p.generate({ templateId: 'shouli_gaozhi', values: SAMPLE_VALUES });
    const e = await rejection(p.openIssued(doc.id));
    expect(e.code).toBe('paperwork.open_unavailable');
    expect(e.message).toContain('下载');
    p.setFileOpener(async (path) => void opened.push(path));
    expect(await p.openIssued(doc.id)).toEqual({ opened: true });
    expect(opened).toEqual([join(dir, doc.file)]);
  });

  it('downloads the exact bytes that were issued, and refuses a file that went missing or was changed', async () => {
    const p = await open();
    const doc = await p.generate({ templateId: 'yanqi', values: SAMPLE_VALUES });
    const d = await p.downloadIssued(doc.id);
    expect(d.name).toMatch(/^临信延告〔2026〕1号-.+\.docx$/);
    expect(Buffer.from(d.dataBase64, 'base64').equals(await readFile(join(dir, doc.file)))).toBe(true);
    await writeFile(join(dir, doc.file), 'changed');
    const changed = await rejection(p.downloadIssued(doc.id));
    expect(changed.code).toBe('file.not_found');
    expect(changed.message).toContain('已被改动');
    p.setFileOpener(async () => undefined);
    expect((await rejection(p.openIssued(doc.id))).code).toBe('file.not_found');
    expect((await rejection(p.downloadIssued('g-none'))).code).toBe('paperwork.number_not_found');
  });
});

describe('templates', () => {
  it('saves an edited built-in template as a new version and never touches the shipped file', async () => {
    const p = await open();
    const shipped = await readFile(join(BUILTIN_DIR, 'yanqi.json'), 'utf8');
    const { template } = await p.getTemplate('yanqi');
    const saved = await p.saveTemplate({
      ...template,
      parts: { ...template.parts, body: `${template.parts.body}\n如有疑问，请与承办人联系。` },
    });
    expect(saved).toMatchObject({ version: 2, builtin: true, modified: true });
    expect(await readFile(join(BUILTIN_DIR, 'yanqi.json'), 'utf8')).toBe(shipped);
    const doc = await p.generate({ templateId: 'yanqi', values: SAMPLE_VALUES });
    expect(doc.templateVersion).toBe(2);
    expect((await p.getTemplate('yanqi')).versions.map((v) => v.version)).toEqual([1, 2]);
  });

  it('refuses to save a template with an unknown field, saying where', async () => {
    const p = await open();
    const { template } = await p.getTemplate('han');
    const e = await rejection(p.saveTemplate({ ...template, parts: { ...template.parts, title: '{标题}{题目}' } }));
    expect(e.code).toBe('paperwork.template_invalid');
    expect(e.message).toContain('第 1 行第 5 列');
    expect(
      p.validateTemplate({ ...template, parts: { ...template.parts, title: '{标题}{题目}' } }).issues,
    ).toHaveLength(1);
  });

  it('resets an edited built-in template to the shipped text as a new version, keeping the edits aside', async () => {
    const p = await open();
    const { template } = await p.getTemplate('buzai_shouli');
    await p.saveTemplate({ ...template, parts: { ...template.parts, body: `${template.parts.body}\n本机关补充。` } });
    const reset = await p.resetTemplate('buzai_shouli');
    expect(reset).toMatchObject({ version: 3, builtin: true, modified: true });
    const detail = await p.getTemplate('buzai_shouli');
    expect(detail.template).toEqual(template);
    expect(detail.versions.map((v) => v.version)).toEqual([1, 2, 3]);
    const kept = (await readdir(join(dir, 'paperwork', 'templates'))).filter((f) => f.includes('.reset-'));
    expect(kept).toHaveLength(1);
    expect((await p.listTemplates()).filter((t) => t.id === 'buzai_shouli')).toHaveLength(1);
    const doc = await p.generate({ templateId: 'buzai_shouli', values: SAMPLE_VALUES });
    expect(doc.templateVersion).toBe(3);
    // Unchanged: nothing to do. The office's own template has no shipped text to go back to.
    expect((await p.resetTemplate('yanqi')).version).toBe(1);
    const exported = JSON.parse((await p.exportTemplate('han')).content);
    await p.importTemplate(JSON.stringify({ ...exported, template: { ...exported.template, id: 'han_local' } }));
    expect((await rejection(p.resetTemplate('han_local'))).code).toBe('validation.invalid_input');
    expect((await rejection(p.resetTemplate('no_such'))).code).toBe('paperwork.template_not_found');
  });

  it('exports a template and imports it back as a new template', async () => {
    const p = await open();
    const exported = await p.exportTemplate('buyu_shouli');
    expect(exported.fileName).toMatch(/\.xfdt\.json$/);
    const data = JSON.parse(exported.content);
    data.template.id = 'buyu_shouli_local';
    data.template.name = '不予受理告知书（本地）';
    const imported = await p.importTemplate(JSON.stringify(data));
    expect(imported).toMatchObject({ id: 'buyu_shouli_local', builtin: false, version: 1 });
    expect((await p.listTemplates()).map((t) => t.id)).toContain('buyu_shouli_local');
    expect((await rejection(p.importTemplate('{"format":"xinfangdesk-template","template":{"id":"x"}}'))).code).toBe(
      'paperwork.import_invalid',
    );
    expect((await rejection(p.importTemplate('not json'))).code).toBe('paperwork.import_invalid');
  });

  it('fills defaults from the office profile and the case, with the values typed in taking precedence', async () => {
    const p = await open({
      cases: { fieldsFor: async (id) => (id === 'c1' ? { 信访人: '赵六', 收到日期: '2026-03-01' } : null) },
    });
    await p.updateProfile({ 发文机关署名: '某县信访局', 机关代字: '某信' });
    const preview = await p.preview({
      templateId: 'shouli_gaozhi',
      caseId: 'c1',
      values: { 处理途径: '调查核实后答复' },
    });
    expect(preview.values).toMatchObject({ 信访人: '赵六', 发文机关署名: '某县信访局', 成文日期: '2026-03-05' });
    expect(preview.nextDocNumber).toBe('某信受告〔2026〕1号');
    expect(preview.issues).toEqual([]);
    expect(preview.model.addressee).toBe('赵六：');
    expect((await stat(join(dir, 'paperwork', 'profile.json'))).isFile()).toBe(true);
  });
});

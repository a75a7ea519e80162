import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateCommand } from '../../../electron/cli/commands/generate';
import type { CliContext } from '../../../electron/cli/commands/index';
import { templatesCommand } from '../../../electron/cli/commands/templates';
import { createApp } from '../../../electron/core/create-app';
import { dispatch } from '../../../electron/core/dispatch';
import { silentLogger } from '../../../electron/core/logger';
import type { RegisterInput } from '../../../shared/api/cases.contract';
import { createTextReader, lineExtract, tempDir } from '../../helpers/fakes';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir('xfd-paperwork-app-')));
afterEach(() => cleanup());

const open = () =>
  createApp({
    dataDir: join(dir, 'data'),
    logger: silentLogger,
    reader: createTextReader(),
    extract: lineExtract,
    now: () => new Date('2026-03-05T02:00:00Z'),
    watch: false,
  });

const registration: RegisterInput = {
  fields: {
    form: 'letter',
    petitioners: [{ name: '张秀兰', idNumber: '', phone: '13907940000', address: '临川市临川区幸福路12号' }],
    headcount: 1,
    region: '临川市临川区',
    topic: '城乡建设',
    claimRoute: 'opinion',
    summary: '开发商逾期一年未交付房屋。',
    request: '督促开发商交付房屋。',
    documentIds: [],
  },
  receivedOn: '2026-02-20',
  registeredOn: '2026-02-21',
  by: '李登记',
  source: 'direct',
  category: 'claim',
};

/** A CLI context writing to buffers, opening the real core on the test's data folder. */
function cliContext() {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  err.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const ctx: CliContext = {
    stdout: out,
    stderr: err,
    logger: silentLogger,
    dataDir: () => join(dir, 'data'),
    openApp: () => open(),
  };
  return { ctx, stdout: () => stdout, stderr: () => stderr };
}

describe('文书 from a case', () => {
  it('pre-fills a 受理告知书 from the registered case and suggests the documents of its next steps', async () => {
    const app = await open();
    try {
      const c = await app.cases.register(registration);
      await app.paperwork.updateProfile({ 发文机关署名: '临川区住房和城乡建设局', 机关代字: '临住建' });
      const s = await app.api['paperwork.caseSuggestions']({ caseId: c.id });
      expect(s.templates).toContain('shouli_gaozhi');
      expect(s.values).toMatchObject({
        信访人: '张秀兰',
        收到日期: '2026-02-20',
        信访件编号: c.number,
        诉求: '督促开发商交付房屋。',
      });
      const doc = await app.api['paperwork.generate']({
        templateId: 'shouli_gaozhi',
        caseId: c.number,
        values: { 处理途径: '本机关将调查核实并出具信访处理意见书。' },
      });
      // Asked for by its 登记编号, the document is filed under the case's record id.
      expect(doc).toMatchObject({ docNumber: '临住建受告〔2026〕1号', caseId: c.id });
      expect(await app.api['paperwork.issued']({ caseId: c.id })).toHaveLength(1);
      // The case's timeline records it: document type, 文号 and the stored file; a cancelled 文号 shows as such.
      const item = (await app.api['cases.get']({ id: c.id })).timeline.find((t) => t.type === 'document_issued');
      expect(item).toMatchObject({ label: '生成文书：信访事项受理告知书', on: '2026-03-05', status: 'effective' });
      expect(item!.details).toContain('文号 临住建受告〔2026〕1号');
      expect(item!.details).toContain(`文件 ${doc.file}`);
      await app.api['paperwork.cancelNumber']({ docNumber: doc.docNumber!, reason: '送达地址有误' });
      const voided = (await app.api['cases.get']({ id: c.id })).timeline.find((t) => t.type === 'document_issued');
      expect(voided).toMatchObject({ status: 'voided', note: '文号已作废：送达地址有误' });
    } finally {
      await app.close();
    }
  });

  it('answers a bad request through dispatch with a stable code and a Chinese message', async () => {
    const app = await open();
    try {
      const r = await dispatch(app.api, 'paperwork.generate', { templateId: 'zhuansong', values: { 信访人: '王堃' } });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toMatch(/^paperwork\./);
        expect(r.error.message).toMatch(/[一-龥]/);
      }
    } finally {
      await app.close();
    }
  });
});

describe('CLI', () => {
  it('templates --json lists id, name, fields and requiredFields for every template', async () => {
    const cli = cliContext();
    expect(await templatesCommand.run(['--json'], cli.ctx)).toBe(0);
    const rows = JSON.parse(cli.stdout()) as { id: string; name: string; fields: string[]; requiredFields: string[] }[];
    expect(rows).toHaveLength(13);
    const zhuansong = rows.find((r) => r.id === 'zhuansong')!;
    expect(zhuansong.name).toBe('信访事项转送函');
    expect(zhuansong.requiredFields).toEqual(expect.arrayContaining(['信访人', '主送机关', '反映问题摘要']));
    expect(zhuansong.fields).toEqual(expect.arrayContaining(zhuansong.requiredFields));
  });

  it('generate --data-json writes the .docx and prints the 文号; a missing field writes nothing and exits 1', async () => {
    const values = join(dir, 'values.json');
    await writeFile(
      values,
      JSON.stringify({
        发文机关: '临川市人民政府信访局',
        发文机关署名: '临川市人民政府信访局',
        机关代字: '临信',
        标题: '关于做好信访工作的函',
        主送机关: '临川区信访局',
        正文: '现将有关事项函告如下。',
      }),
    );
    const out = join(dir, '函.docx');
    const ok = cliContext();
    expect(
      await generateCommand.run(['--template', 'han', '--data-json', values, '--out', out, '--json'], ok.ctx),
    ).toBe(0);
    expect(JSON.parse(ok.stdout())).toMatchObject({ ok: true, docNumber: '临信函〔2026〕1号' });
    expect((await readFile(out)).subarray(0, 2).toString()).toBe('PK');

    await writeFile(values, JSON.stringify({ 机关代字: '临信', 标题: '缺正文' }));
    const bad = join(dir, 'bad.docx');
    const failed = cliContext();
    expect(
      await generateCommand.run(['--template', 'han', '--data-json', values, '--out', bad, '--json'], failed.ctx),
    ).toBe(1);
    expect(JSON.parse(failed.stdout()).error.code).toBe('paperwork.field_required');
    expect(existsSync(bad)).toBe(false);
  });

  it('generate --case with an unknown case says so', async () => {
    const cli = cliContext();
    const code = await generateCommand.run(
      ['--template', 'han', '--case', 'XF-2026-9999', '--out', join(dir, 'x.docx')],
      cli.ctx,
    );
    expect(code).toBe(1);
    expect(cli.stderr()).toContain('找不到信访件“XF-2026-9999”');
  });
});

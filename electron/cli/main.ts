import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { AppError, toErrorPayload, type ErrorPayload } from '../../shared/errors/app-error';
import { extractAll } from '../../shared/documents/extract-all';
import { createBodyRegistry, type BodyRegistry } from '../../shared/gazetteer/issuing-bodies';
import { loadLearnedBodies } from '../core/usecases/registry.usecases';
import { createApp, type XinfangApp } from '../core/create-app';
import { createStderrLogger } from '../core/logger';
import { createDocumentReader } from '../core/services/reader/reader';
import type { DocumentReader, ReadProgress } from '../core/services/reader/reader.types';
import { startHttpServer } from '../server/http-server';
import { readInput } from './inputs';
import { computeDeadline, type DeadlineRuleId } from '../../shared/calendar/deadlines';
import { createOfficialCalendar } from '../../shared/calendar/official-calendar';
import { createProgressBar } from './progress';
import { CLI_COMMANDS, createCliContext } from './commands/index';
import { OCR_ENGINE_CHOICES, type OcrEngineChoice } from '../../shared/api/contract';
import { clockFromEnv } from './test-clock';

const HELP = `信访文书台 命令行 (XinfangDesk CLI)

用法: npm run cli -- <命令> [选项] [参数…]

命令:
  ocr PATH…        识别文件或页面图像文件夹，输出文本
  extract PATH…    识别并提取公文要素（文号、发文机关、标题、成文日期…）
  import PATH…     识别、提取并直接归档（不经审核），输出记录
  import --watch DIR
                   持续监视文件夹：新放入的扫描件（JPG、PNG、TIFF、BMP、PDF、TXT）
                   自动导入待审核队列，每个文件只导入一次（重启后也不重复）；
                   Ctrl+C 或 SIGTERM 退出
  search QUERY     检索全部文件（含待审核；全文、文号片段、标题）
  list             列出全部文件记录
  reindex          重建检索索引
  deadline --rule RULE_ID --from YYYY-MM-DD [--days N]
                   按《信访工作条例》期限规则和节假日调休日历计算截止日期
  serve            启动本机浏览器界面（只监听 127.0.0.1），打印访问地址

选项:
  --data DIR       数据文件夹（默认 ./xinfangdesk-data）
  --json           每条结果输出一行 JSON（不显示进度条）
  --engine E       ocr/extract 的识别引擎：compatible（兼容，tesseract.js，默认）、
                   accurate（高精度，PaddleOCR）、auto（自动：PaddleOCR 可用时用它）
  --watch DIR      import 时监视文件夹（见上）
  --port N         serve 的端口（默认随机）
  --limit N        search 返回条数（默认 20）
  -h, --help       显示本帮助
`;

const repoRoot = resolve(import.meta.dirname, '..', '..');

const helpText = () => {
  const extra = Object.values(CLI_COMMANDS).flatMap((c) => c.help.map((l) => `  ${l}\n`));
  return extra.length ? HELP.replace('\n选项:', `${extra.join('')}\n选项:`) : HELP;
};

async function main(argv: string[]): Promise<number> {
  const extra = argv[0] && Object.hasOwn(CLI_COMMANDS, argv[0]) ? CLI_COMMANDS[argv[0]] : undefined;
  if (extra) return extra.run(argv.slice(1), createCliContext(argv.includes('--verbose')));
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      json: { type: 'boolean', default: false },
      port: { type: 'string' },
      limit: { type: 'string' },
      watch: { type: 'string' },
      rule: { type: 'string' },
      from: { type: 'string' },
      days: { type: 'string' },
      engine: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...args] = positionals;
  if (values.help || !command) {
    process.stdout.write(helpText());
    return command || values.help ? 0 : 2;
  }
  const dataDir = resolve(values.data ?? 'xinfangdesk-data');
  const json = values.json;
  const logger = createStderrLogger(values.verbose ? 'debug' : 'warn');
  const bar = createProgressBar(process.stderr, !json);
  const out = (obj: Record<string, unknown>, human: string) => {
    bar.clear();
    process.stdout.write((json ? JSON.stringify(obj) : human) + '\n');
  };
  const failed = (path: string, error: ErrorPayload) => {
    bar.clear();
    if (json) process.stdout.write(JSON.stringify({ path, error }) + '\n');
    else process.stderr.write(`✗ ${path}：${error.message}\n`);
  };
  const onReadProgress = (p: ReadProgress) => bar.update(p.stage, p.page, p.pages);
  // extract reads with the bodies this data folder has learned (read-only; a damaged file falls back to the seed).
  let registry: BodyRegistry | null = null;
  const registryFor = async (): Promise<BodyRegistry> =>
    (registry ??= createBodyRegistry(await loadLearnedBodies(dataDir).catch(() => [])));
  const appFor = (watch = false) => createApp({ dataDir, logger, watch });

  switch (command) {
    case 'ocr':
    case 'extract': {
      if (args.length === 0) return usage(`${command} 需要至少一个文件或文件夹路径`);
      const engine = values.engine ?? 'compatible';
      if (!(OCR_ENGINE_CHOICES as readonly string[]).includes(engine))
        return usage(`--engine 只能是 ${OCR_ENGINE_CHOICES.join('、')}`);
      const reader: DocumentReader = createDocumentReader({
        cacheDir: join(dataDir, 'cache'),
        logger,
        ocrEngine: engine as OcrEngineChoice,
      });
      let bad = 0;
      try {
        for (const [i, path] of args.entries()) {
          const started = Date.now();
          try {
            bar.file(i + 1, args.length, path);
            const files = await readInput(path);
            const onProgress = onReadProgress;
            const doc =
              files.length === 1
                ? await reader.readFile(files[0]!, { onProgress })
                : await reader.readPages(files, { onProgress });
            const ms = Date.now() - started;
            if (command === 'ocr') {
              out(
                { path, pages: doc.pages.length, text: doc.text, ms },
                `== ${path}（${doc.pages.length} 页，${ms} ms）\n${doc.text}`,
              );
            } else {
              const f = extractAll(doc.text, { registry: await registryFor() });
              out(
                { path, ...f, pages: doc.pages.length, ms },
                [
                  `== ${path}（${doc.pages.length} 页，${ms} ms）`,
                  `发文机关：${f.issuingBodies.join('、') || '—'}`,
                  `文号：${f.docNumber ?? '—'}`,
                  `标题：${f.title ?? '—'}`,
                  `文种：${f.docType ?? '—'}`,
                  `成文日期：${f.signingDate ?? '—'}`,
                  ...f.deadlines.map(
                    (d) => `期限：${d.dueText}（${d.due ?? '按收到日期计算'}）${d.task ?? ''} → ${d.reportTo ?? '—'}`,
                  ),
                  ...(f.kind === '来信'
                    ? [
                        `信访人：${f.petitioners.join('、') || '—'}`,
                        `问题属地：${f.region ?? '—'}`,
                        `诉求：${f.request ?? '—'}`,
                      ]
                    : []),
                  ...f.warnings.map((w) => `提示：${w}`),
                ].join('\n'),
              );
            }
          } catch (e) {
            bad++;
            failed(path, toErrorPayload(e));
          }
        }
      } finally {
        await reader.close();
      }
      return bad ? 1 : 0;
    }
    case 'import': {
      if (args.length === 0 && !values.watch) return usage('import 需要至少一个文件或文件夹路径，或 --watch 文件夹');
      const app = await appFor();
      app.onEvent((e) => {
        if (e.name === 'intake.progress') bar.update(e.payload.stage, e.payload.page, e.payload.pages);
      });
      let bad = 0;
      try {
        for (const [i, path] of args.entries()) {
          try {
            bar.file(i + 1, args.length, path);
            const files = await readInput(path);
            const { document, duplicate } = await app.documents.importPages(files);
            const filed =
              duplicate && document.status === 'filed'
                ? document
                : await app.documents.save(document.id, document.fields);
            out(
              { path, duplicate, ...filed },
              `${duplicate ? '已存在' : '已归档'} ${filed.id} ${filed.fields.docNumber ?? '（无文号）'} ${filed.fields.title ?? ''}`,
            );
          } catch (e) {
            bad++;
            failed(path, toErrorPayload(e));
          }
        }
        if (values.watch) return await watchFolder(app, resolve(values.watch));
      } finally {
        await app.close();
      }
      return bad ? 1 : 0;
    }
    case 'search': {
      const query = args.join(' ');
      if (!query.trim()) return usage('search 需要检索词');
      const app = await appFor();
      try {
        const r = app.documents.search(query, Number(values.limit ?? 20));
        if (!json) process.stdout.write(`共 ${r.total} 条，用时 ${r.ms} ms\n`);
        for (const h of r.hits) {
          out(
            { query, ...h.document, score: h.score, matchedIn: h.matchedIn, snippet: h.snippet },
            `${h.document.id} ${h.document.fields.docNumber ?? '（无文号）'} ${h.document.fields.title ?? ''}\n    ${h.snippet}`,
          );
        }
      } finally {
        await app.close();
      }
      return 0;
    }
    case 'list': {
      const app = await appFor();
      try {
        for (const d of app.store.allDocuments()) {
          const { suggested: _s, ...rest } = d;
          out(
            rest,
            `${d.id} [${d.status === 'filed' ? '已归档' : '待审核'}] ${d.fields.docNumber ?? '（无文号）'} ${d.fields.title ?? d.originalName}`,
          );
        }
      } finally {
        await app.close();
      }
      return 0;
    }
    case 'reindex': {
      const app = await appFor();
      try {
        const documents = await app.documents.rebuildIndex();
        out({ documents }, `已重建索引：${documents} 份文件`);
      } finally {
        await app.close();
      }
      return 0;
    }
    case 'deadline': {
      if (!values.rule && !values.days)
        return usage('deadline 需要 --rule 规则编号（或 --days 天数）和 --from 起算日期');
      if (!values.from) return usage('deadline 需要 --from 起算日期（YYYY-MM-DD）');
      const days = values.days === undefined ? undefined : Number(values.days);
      const calendar = createOfficialCalendar();
      const outcome = values.rule
        ? computeDeadline({ rule: values.rule as DeadlineRuleId, from: values.from, calendar, days })
        : computeDeadline({ from: values.from, calendar, days: days ?? NaN, unit: 'day' });
      if (!outcome.ok) {
        if (json)
          process.stdout.write(
            JSON.stringify({ rule: values.rule ?? null, from: values.from, error: outcome.error }) + '\n',
          );
        else process.stderr.write(`✗ ${outcome.error.message}\n`);
        return 1;
      }
      const d = outcome.value;
      out(
        { ...d },
        [
          `规则：${d.rule ?? '（自定）'}，自 ${d.from} 起 ${d.days} ${d.unit === 'workday' ? '个工作日' : '日'}`,
          `按日历计算的最后一日：${d.strictDue}`,
          `截止日期：${d.due}${d.rolledOver ? '（最后一日为休息日，顺延）' : ''}`,
          ...(d.missingCalendarYears.length
            ? [`注意：${d.missingCalendarYears.join('、')} 年的节假日安排尚未导入，结果只按周末计算。`]
            : []),
        ].join('\n'),
      );
      return 0;
    }
    case 'serve': {
      const rendererDir = join(repoRoot, 'out', 'renderer');
      if (!existsSync(join(rendererDir, 'index.html'))) {
        process.stderr.write('界面尚未构建：请运行 npm run serve（会先构建界面），或先运行 npm run build。\n');
        return 1;
      }
      // XFD_NOW / XFD_NOW_FILE: an injectable clock for end-to-end tests of the deadlines (electron/cli/test-clock.ts).
      const app = await createApp({ dataDir, logger, watch: true, now: clockFromEnv() });
      const server = await startHttpServer({ app, rendererDir, port: values.port ? Number(values.port) : 0, logger });
      out(
        { url: server.url, port: server.port, token: server.token, dataDir },
        `信访文书台已启动：${server.url}\n数据文件夹：${dataDir}\n按 Ctrl+C 退出。`,
      );
      await new Promise<void>((resolveStop) => {
        const stop = () => resolveStop();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
      await app.close();
      return 0;
    }
    default:
      return usage(`未知命令“${command}”`);
  }

  /** `import --watch DIR`: imports the folder's scans into the review queue until SIGINT/SIGTERM. */
  async function watchFolder(app: XinfangApp, dir: string): Promise<number> {
    const folder = await app.validateWatchFolder(dir);
    let current = '';
    app.onEvent((e) => {
      if (e.name !== 'intake.progress' || e.payload.name === current) return;
      current = e.payload.name;
      bar.file(1, 1, current);
    });
    app.folderIntake.onOutcome((o) => {
      current = '';
      if (o.error) failed(o.path, o.error);
      else if (o.result) {
        const d = o.result.document;
        out(
          { path: o.path, duplicate: o.result.duplicate, ...d },
          `${o.result.duplicate ? '已存在' : '待审核'} ${d.id} ${d.fields.docNumber ?? '（无文号）'} ${d.fields.title ?? d.originalName}`,
        );
      }
    });
    await app.folderIntake.start(folder);
    const status = app.folderIntake.status();
    if (!status.running) throw new AppError('watch.failed', status.error ?? `无法监视文件夹“${folder}”。`);
    if (json) process.stdout.write(JSON.stringify({ watching: folder }) + '\n');
    else process.stderr.write(`正在监视 ${folder}（新文件自动导入待审核队列），按 Ctrl+C 退出。\n`);
    await new Promise<void>((stop) => {
      process.once('SIGINT', () => stop());
      process.once('SIGTERM', () => stop());
    });
    bar.clear();
    await app.folderIntake.stop();
    return 0;
  }
}

function usage(why: string): number {
  process.stderr.write(`${why}。\n\n${helpText()}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    const error = toErrorPayload(e);
    process.stderr.write(`错误：${error.message}\n`);
    process.exitCode = 1;
  },
);

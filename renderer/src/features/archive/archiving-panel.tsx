import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Flex,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import type { PieceView } from '../../../../shared/api/archive.dat22.contract';
import type { DocumentSummary } from '../../../../shared/api/contract';
import { RETENTION_PERIODS, type RetentionPeriod } from '../../../../shared/archive/archive-number';
import { PIECE_ROLES, type PieceRole, type PieceSuggestion } from '../../../../shared/archive/jian';
import { ErrorAlert } from '../../components/error-alert';
import { call } from '../../lib/api';
import { displayTitle } from '../../lib/format';
import { useApi } from '../../lib/use-api';
import { downloadExported } from '../search/download';
import { Hint } from './browse-panel';
import { HandoverCard } from './handover-card';
import { Stamp, StampSheetModal, StampStyles } from './stamp-sheet';

const MEMBER_ROLES = PIECE_ROLES.filter((r): r is Exclude<PieceRole, '正文'> => r !== '正文');
const docLabel = (d: DocumentSummary) => d.fields.docNumber || displayTitle(d);

/** Picking the 正文 and each other document's part for a new 件 (or a 拆件/调整 of a numbered one). */
interface Composer {
  readonly mode: 'group' | 'adjust';
  readonly docs: readonly DocumentSummary[];
  readonly headId: string;
  readonly roles: Record<string, PieceRole>;
  /** adjust: documents kept in the 件 (unticked ones are taken out). */
  readonly keep: Record<string, boolean>;
  readonly reason: string;
}

/** DA/T 22 归档 by 件: suggested and manual 件 assembly, 保管期限, 档号, 归档章, 目录 and the year's hand-over. */
export function ArchivingPanel() {
  const { message, modal } = App.useApp();
  const [year, setYear] = useState<number>(new Date().getFullYear() - 1);
  const [fonds, setFonds] = useState('');
  const [org, setOrg] = useState('');
  const [overrides, setOverrides] = useState<Record<string, RetentionPeriod>>({});
  const [selected, setSelected] = useState<string[]>([]);
  const [composer, setComposer] = useState<Composer | null>(null);
  const [stampsOpen, setStampsOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const { data, error, reload } = useApi('archive.pieces', { year });
  const pieces = data?.pieces ?? [];
  const byId = new Map(pieces.flatMap((p) => [p.head, ...p.members.map((m) => m.document)]).map((d) => [d.id, d]));

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const assign = () =>
    run(async () => {
      if (!/^[A-Za-z0-9]{1,10}$/.test(fonds))
        throw new Error('请先填写全宗号（字母和数字，最多 10 位，由档案馆给定）。');
      const r = await call('archive.assignNumbers', { year, fonds, org: org || undefined, retention: overrides });
      message.success(r.assigned ? `已为 ${r.assigned} 件编制档号。` : '这一年度的件都已编过档号。');
      setOverrides({});
      setSelected([]);
      reload();
    });
  const catalogue = () => run(async () => downloadExported(await call('archive.exportCatalogue', { year })));
  const register = () =>
    run(async () => {
      if (!range?.[0] || !range[1]) throw new Error('请先选择收文登记簿的起止日期。');
      downloadExported(
        await call('archive.exportRegister', {
          from: range[0].format('YYYY-MM-DD'),
          to: range[1].format('YYYY-MM-DD'),
        }),
      );
    });

  const applySuggestion = (s: PieceSuggestion) =>
    run(async () => {
      await call('archive.group', { headId: s.headId, members: s.members.map((m) => ({ id: m.id, role: m.role })) });
      message.success('已组成一件。');
      reload();
    });
  const openGroup = () => {
    const docs = pieces.filter((p) => selected.includes(p.head.id)).map((p) => p.head);
    setComposer({ mode: 'group', docs, headId: docs[0]!.id, roles: {}, keep: {}, reason: '' });
  };
  const openAdjust = (p: PieceView) =>
    setComposer({
      mode: 'adjust',
      docs: [p.head, ...p.members.map((m) => m.document)],
      headId: p.head.id,
      roles: Object.fromEntries(p.members.map((m) => [m.document.id, m.role])),
      keep: Object.fromEntries(p.members.map((m) => [m.document.id, true])),
      reason: '',
    });
  const ungroup = (p: PieceView) =>
    run(async () => {
      await call('archive.ungroup', { headId: p.head.id });
      message.success('已拆开，每份文件各为一件。');
      reload();
    });
  const saveComposer = () =>
    run(async () => {
      if (!composer) return;
      const members = composer.docs
        .filter((d) => d.id !== composer.headId && (composer.mode === 'group' || composer.keep[d.id]))
        .map((d) => ({ id: d.id, role: (composer.roles[d.id] ?? '附件') as Exclude<PieceRole, '正文'> }));
      if (composer.mode === 'group') {
        await call('archive.group', { headId: composer.headId, members });
        message.success(`已组成一件（${members.length + 1} 份文件）。`);
      } else {
        const r = await call('archive.adjustPiece', { headId: composer.headId, members, reason: composer.reason });
        modal.info({ title: '件已调整：请同步更正纸质档案', content: r.paperNote, okText: '知道了', width: 560 });
      }
      setComposer(null);
      setSelected([]);
      reload();
    });

  /** What a member is in its 件 (附件, 处理单 …), the same control when grouping and when adjusting. */
  const roleSelect = (d: DocumentSummary) =>
    composer && (
      <Select<PieceRole>
        aria-label={`组成部分 ${docLabel(d)}`}
        size="small"
        style={{ width: 120 }}
        value={composer.roles[d.id] ?? '附件'}
        options={MEMBER_ROLES.map((r) => ({ value: r, label: r }))}
        onChange={(r) => setComposer({ ...composer, roles: { ...composer.roles, [d.id]: r } })}
      />
    );

  const suggestions = data?.suggestions ?? [];
  return (
    <Flex vertical gap={16}>
      <StampStyles />
      <Card size="small" title="归档（DA/T 22-2015）">
        <Flex vertical gap={12}>
          <Hint>
            先组件：正文与附件、处理单、转发文与被转发文、同一文件的几份为一件（系统按附件说明、文号和同日归档给出建议）。
            再编档号：全宗号-WS·年度-保管期限-机构代码-件号，件号按文号顺序在“年度 + 保管期限 +
            机构”内连续编排，编定后不再改动；已编号的件只能通过“拆件/调整”改动并记入修改记录。
          </Hint>
          <Space wrap>
            <InputNumber
              aria-label="归档年度"
              addonBefore="年度"
              min={1900}
              max={2100}
              value={year}
              onChange={(v) => {
                if (!v) return;
                setYear(v);
                setSelected([]);
              }}
            />
            <Input
              aria-label="全宗号"
              addonBefore="全宗号"
              placeholder="如 X001"
              style={{ width: 200 }}
              value={fonds}
              onChange={(e) => setFonds(e.target.value.trim())}
            />
            <Input
              aria-label="机构代码"
              addonBefore="机构代码"
              placeholder="如 BGS，可空"
              style={{ width: 220 }}
              value={org}
              onChange={(e) => setOrg(e.target.value.trim())}
            />
            <Button type="primary" loading={busy} onClick={() => void assign()}>
              编制档号
            </Button>
            <Button loading={busy} onClick={() => void catalogue()}>
              导出归档文件目录
            </Button>
            <Button onClick={() => setStampsOpen(true)}>打印归档章</Button>
          </Space>
          <ErrorAlert error={error} title="加载失败" onRetry={reload} />
          {suggestions.length > 0 && (
            <Alert
              type="info"
              showIcon
              title={`建议组件 ${suggestions.length} 处（请核对后采纳）`}
              description={
                <Flex vertical gap={6} role="list" aria-label="组件建议">
                  {suggestions.map((s) => {
                    const head = byId.get(s.headId);
                    return (
                      <Flex key={s.headId} gap={8} align="center" wrap role="listitem">
                        {s.optional && <Tag color="default">可选：来文与复文</Tag>}
                        <Typography.Text strong>{head ? docLabel(head) : s.headId}</Typography.Text>
                        {s.members.map((m) => (
                          <Tooltip key={m.id} title={m.reason}>
                            <Tag>
                              {m.role}：{byId.get(m.id) ? docLabel(byId.get(m.id)!) : m.id}
                            </Tag>
                          </Tooltip>
                        ))}
                        <Button size="small" loading={busy} onClick={() => void applySuggestion(s)}>
                          采纳
                        </Button>
                      </Flex>
                    );
                  })}
                </Flex>
              }
            />
          )}
          <Space>
            <Button disabled={selected.length < 2} onClick={openGroup}>
              组成一件（已选 {selected.length}）
            </Button>
            <Typography.Text type="secondary">勾选两件或以上未编号的件，合为一件并指定正文。</Typography.Text>
          </Space>
          <Table<PieceView>
            rowKey={(v) => v.head.id}
            size="small"
            loading={!data && !error}
            dataSource={[...pieces]}
            pagination={{ pageSize: 50, showTotal: (t) => `共 ${t} 件` }}
            locale={{ emptyText: `${year} 年没有已归档的文件` }}
            expandable={{
              rowExpandable: (v) => v.stamp !== null,
              expandedRowRender: (v) => (
                <Flex gap={12} align="center">
                  <Stamp piece={v} />
                  <Typography.Text type="secondary">归档章（盖于本件首页上端居中空白处）</Typography.Text>
                </Flex>
              ),
            }}
            rowSelection={{
              selectedRowKeys: selected,
              onChange: (keys) => setSelected(keys.map(String)),
              getCheckboxProps: (v) => ({ disabled: v.entry !== null, 'aria-label': `选择 ${docLabel(v.head)}` }),
            }}
            columns={[
              { title: '文号', key: 'no', width: 180, render: (_, v) => v.head.fields.docNumber || '（无文号）' },
              {
                title: '题名',
                key: 'title',
                render: (_, v) => (
                  <Flex vertical gap={2}>
                    <Link to={`/documents/${v.head.id}`}>{v.title}</Link>
                    {v.members.length > 0 && (
                      <Flex gap={4} wrap aria-label={`件内文件 ${docLabel(v.head)}`}>
                        {v.members.map((m) => (
                          <Tag key={m.document.id}>
                            <Link to={`/documents/${m.document.id}`}>
                              {m.role}：{docLabel(m.document)}
                            </Link>
                          </Tag>
                        ))}
                      </Flex>
                    )}
                  </Flex>
                ),
              },
              { title: '页数', key: 'pages', width: 60, render: (_, v) => v.pages },
              {
                title: '保管期限',
                key: 'ret',
                width: 150,
                render: (_, v) =>
                  v.entry ? (
                    v.entry.retention
                  ) : (
                    <Tooltip title={v.suggested.reason}>
                      <Select<RetentionPeriod>
                        aria-label={`保管期限 ${v.head.fields.docNumber ?? v.head.id}`}
                        size="small"
                        style={{ width: 120 }}
                        value={overrides[v.head.id] ?? v.suggested.retention}
                        options={RETENTION_PERIODS.map((r) => ({ value: r, label: r }))}
                        onChange={(r) => setOverrides((o) => ({ ...o, [v.head.id]: r }))}
                      />
                    </Tooltip>
                  ),
              },
              {
                title: '档号',
                key: 'num',
                width: 230,
                render: (_, v) => v.entry?.archiveNumber ?? <Typography.Text type="secondary">未编号</Typography.Text>,
              },
              {
                title: '操作',
                key: 'ops',
                width: 110,
                render: (_, v) =>
                  v.entry ? (
                    <Button size="small" onClick={() => openAdjust(v)}>
                      拆件/调整
                    </Button>
                  ) : v.members.length > 0 ? (
                    <Button size="small" onClick={() => void ungroup(v)}>
                      拆开
                    </Button>
                  ) : null,
              },
            ]}
          />
        </Flex>
      </Card>
      <HandoverCard year={year} />
      <Card size="small" title="收文登记簿">
        <Space wrap>
          <DatePicker.RangePicker
            aria-label="登记簿日期范围"
            value={range}
            onChange={(r) => setRange(r as [Dayjs | null, Dayjs | null] | null)}
          />
          <Button loading={busy} onClick={() => void register()}>
            导出收文登记簿（Excel）
          </Button>
        </Space>
      </Card>
      <StampSheetModal year={year} pieces={pieces} open={stampsOpen} onClose={() => setStampsOpen(false)} />
      <Modal
        open={composer !== null}
        title={composer?.mode === 'adjust' ? '拆件/调整已编号的件' : '组成一件'}
        okText={composer?.mode === 'adjust' ? '确认调整' : '组成一件'}
        cancelText="取消"
        confirmLoading={busy}
        onCancel={() => setComposer(null)}
        onOk={() => void saveComposer()}
        width={680}
      >
        {composer && (
          <Flex vertical gap={12}>
            {composer.mode === 'adjust' && (
              <Alert
                type="warning"
                showIcon
                title="该件已编档号，归档章已填写页数"
                description="调整后须在纸质档案上重新装订、划改归档章页数并在备考表中说明；取下的文件下次编号时另编件号。系统会记入修改记录。"
              />
            )}
            {composer.mode === 'group' ? (
              <Radio.Group
                aria-label="正文"
                value={composer.headId}
                onChange={(e) => setComposer({ ...composer, headId: String(e.target.value) })}
              >
                <Flex vertical gap={8}>
                  {composer.docs.map((d) => (
                    <Flex key={d.id} gap={8} align="center">
                      <Radio value={d.id}>正文</Radio>
                      <Typography.Text style={{ flex: 1 }}>{docLabel(d)}</Typography.Text>
                      {d.id !== composer.headId && roleSelect(d)}
                    </Flex>
                  ))}
                </Flex>
              </Radio.Group>
            ) : (
              <Flex vertical gap={8}>
                <Typography.Text strong>正文：{docLabel(composer.docs[0]!)}</Typography.Text>
                {composer.docs.slice(1).map((d) => (
                  <Flex key={d.id} gap={8} align="center">
                    <Checkbox
                      checked={composer.keep[d.id]}
                      onChange={(e) =>
                        setComposer({ ...composer, keep: { ...composer.keep, [d.id]: e.target.checked } })
                      }
                    >
                      留在本件
                    </Checkbox>
                    <Typography.Text style={{ flex: 1 }}>{docLabel(d)}</Typography.Text>
                    {roleSelect(d)}
                  </Flex>
                ))}
                <Input.TextArea
                  aria-label="调整原因"
                  placeholder="调整原因（必填，记入修改记录和备考表）"
                  value={composer.reason}
                  onChange={(e) => setComposer({ ...composer, reason: e.target.value })}
                />
              </Flex>
            )}
          </Flex>
        )}
      </Modal>
    </Flex>
  );
}

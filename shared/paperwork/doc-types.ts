/**
 * The document types the office issues (../shared/reference/documents.json) and what a template of each type
 * must contain. `requiredFields` must appear outside optional blocks: a 处理意见书 without the 复查 notice, or a
 * 复查意见书 without the 复核 notice, is refused on save.
 */

export const LAYOUTS = ['file', 'letter', 'plain', 'form'] as const;
/** file = GB/T 9704 文件格式 (红头 + 文号 + red rule); letter = 信函格式 (10.1); plain = no 红头; form = a table (送达回证). */
export type Layout = (typeof LAYOUTS)[number];

export const LAYOUT_LABELS: Readonly<Record<Layout, string>> = {
  file: '文件格式（红头）',
  letter: '信函格式',
  plain: '普通格式（无红头）',
  form: '表格（回证）',
};

export interface DocTypeSpec {
  readonly id: string;
  readonly name: string;
  readonly layout: Layout;
  readonly basis: string;
  readonly requiredFields: readonly string[];
}

export const DOC_TYPES: readonly DocTypeSpec[] = [
  {
    id: 'zhuansong',
    name: '信访事项转送函',
    layout: 'letter',
    basis: '《信访工作条例》第二十二条第一款第（一）（二）项、第二十三条第三款',
    requiredFields: ['文号', '主送机关', '信访人', '反映问题摘要', '发文机关署名', '成文日期'],
  },
  {
    id: 'jiaoban',
    name: '信访事项交办函',
    layout: 'letter',
    basis: '《信访工作条例》第二十二条第一款第（三）项',
    requiredFields: ['文号', '主送机关', '信访人', '反映问题摘要', '报结日期', '发文机关署名', '成文日期'],
  },
  {
    id: 'shouli_gaozhi',
    name: '信访事项受理告知书',
    layout: 'plain',
    basis: '《信访工作条例》第二十三条第一、二、三款，第三十四条',
    requiredFields: ['文号', '信访人', '收到日期', '处理途径', '发文机关署名', '成文日期'],
  },
  {
    id: 'buyu_shouli',
    name: '信访事项不予受理告知书',
    layout: 'plain',
    basis: '《信访工作条例》第二十二条第二款、第二十三条第一款、第三十一条',
    requiredFields: ['文号', '信访人', '收到日期', '不予受理理由', '有权处理机关', '发文机关署名', '成文日期'],
  },
  {
    id: 'buzai_shouli',
    name: '信访事项不再受理告知书',
    layout: 'plain',
    basis: '《信访工作条例》第三十六条第三款',
    requiredFields: ['文号', '信访人', '复核机关', '复核意见文号', '发文机关署名', '成文日期'],
  },
  {
    id: 'yanqi',
    name: '信访事项延期办理告知书',
    layout: 'plain',
    basis: '《信访工作条例》第三十四条',
    requiredFields: ['文号', '信访人', '受理日期', '延期理由', '延长后办结期限', '发文机关署名', '成文日期'],
  },
  {
    id: 'chuli_yijian',
    name: '信访事项处理意见书',
    layout: 'plain',
    basis: '《信访工作条例》第三十一条第（六）项、第三十二条、第三十五条',
    requiredFields: [
      '文号',
      '信访人',
      '诉求',
      '认定事实',
      '处理意见',
      '依据条款',
      '复查机关',
      '发文机关署名',
      '成文日期',
    ],
  },
  {
    id: 'fucha',
    name: '信访事项复查意见书',
    layout: 'plain',
    basis: '《信访工作条例》第三十五条、第三十六条',
    requiredFields: ['文号', '信访人', '原办理机关', '复查请求', '复查意见', '复核机关', '发文机关署名', '成文日期'],
  },
  {
    id: 'fuhe',
    name: '信访事项复核意见书',
    layout: 'plain',
    basis: '《信访工作条例》第三十六条',
    requiredFields: ['文号', '信访人', '复核请求', '复核意见', '发文机关署名', '成文日期'],
  },
  {
    id: 'banjie_baogao',
    name: '信访事项办结报告',
    layout: 'file',
    basis: '《信访工作条例》第二十二条第一款第（三）项',
    requiredFields: ['文号', '签发人', '主送机关', '信访人', '处理结果', '发文机关署名', '成文日期'],
  },
  {
    id: 'songda_huizheng',
    name: '送达回证',
    layout: 'form',
    basis: '《信访工作条例》第三十五条、第三十六条（复查、复核期限自收到书面答复之日起算）',
    requiredFields: ['送达文书名称', '受送达人', '送达方式', '送达人'],
  },
  {
    id: 'tongzhi',
    name: '通知',
    layout: 'file',
    basis: '《党政机关公文处理工作条例》第八条',
    requiredFields: ['文号', '标题', '正文', '发文机关署名', '成文日期'],
  },
  {
    id: 'han',
    name: '函',
    layout: 'letter',
    basis: '《党政机关公文处理工作条例》第八条',
    requiredFields: ['文号', '主送机关', '标题', '正文', '发文机关署名', '成文日期'],
  },
];

export const DOC_TYPE_BY_ID: ReadonlyMap<string, DocTypeSpec> = new Map(DOC_TYPES.map((d) => [d.id, d]));

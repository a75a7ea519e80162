/**
 * Every field a template may use. A template that names a field missing here is refused on save, so a typo
 * (`{信访人姓名}` for `{信访人}`) shows in the editor instead of printing an empty gap in a 公文.
 */

export type FieldKind =
  /** One line: a name, a number, a phone. */
  | 'line'
  /** Paragraphs: facts, opinions; newlines start new paragraphs. */
  | 'text'
  /** A date written YYYY-MM-DD (or already in Chinese); printed as 2026年3月5日. */
  | 'date'
  /** Filled by the program (文号, 年份); a value given by hand is ignored. */
  | 'auto';

export interface FieldSpec {
  readonly name: string;
  readonly kind: FieldKind;
  /** What to enter, shown in the form and the editor's field list. */
  readonly hint: string;
  readonly maxLength: number;
}

const LINE = 200;
const TEXT = 5000;

const f = (name: string, kind: FieldKind, hint: string, maxLength = kind === 'text' ? TEXT : LINE): FieldSpec => ({
  name,
  kind,
  hint,
  maxLength,
});

export const FIELD_CATALOGUE: readonly FieldSpec[] = [
  // Filled by the program
  f('文号', 'auto', '生成时按机关代字和年份自动编号，例如 京信转〔2026〕12号'),
  f('年份', 'auto', '成文日期的年份'),
  // The issuing office (defaults from 本机关信息)
  f('发文机关', 'line', '发文机关标志（红头）上的机关全称或规范化简称'),
  f('发文机关署名', 'line', '落款处的机关全称'),
  f('机关代字', 'line', '文号中的机关代字，例如 京信转', 40),
  f('成文日期', 'date', '成文日期（默认今天）'),
  f('联系人', 'line', '本机关联系人', 50),
  f('联系电话', 'line', '本机关联系电话', 50),
  f('机关地址', 'line', '本机关通讯地址'),
  f('印发机关', 'line', '版记中的印发机关（一般是办公室）'),
  f('印发日期', 'date', '版记中的印发日期'),
  f('签发人', 'line', '上行文的签发人姓名', 50),
  f('抄送', 'line', '抄送机关，多个用顿号隔开', 500),
  f('附件', 'text', '附件名称，每行一个', 2000),
  f('附注', 'line', '附注内容（不含括号）', 500),
  // The petition and the petitioner
  f('主送机关', 'line', '主送机关全称或规范化简称', 500),
  f('信访件编号', 'line', '信访件登记编号', 60),
  f('信访人', 'line', '信访人姓名或名称；多人时写“张三等5人”'),
  f('人数', 'line', '信访人数', 20),
  f('住址', 'line', '信访人住址'),
  f('信访人电话', 'line', '信访人联系电话', 50),
  f('信访形式', 'line', '来信、走访、网上信访、电话、传真', 20),
  f('收到日期', 'date', '本机关收到信访事项的日期'),
  f('登记日期', 'date', '登记日期'),
  f('受理日期', 'date', '受理日期'),
  f('问题属地', 'line', '问题发生地（省市县）'),
  f('内容分类', 'line', '建议意见类、检举控告类或申诉求决类', 50),
  f('反映问题摘要', 'text', '信访人反映的主要问题'),
  f('诉求', 'text', '信访人的请求，可逐项分行写'),
  f('事实和理由', 'text', '信访人陈述的事实和理由'),
  f('材料页数', 'line', '随函转送的信访材料页数', 20),
  // Routing
  f('转送交办机关', 'line', '把事项转送或交办给本机关的机关'),
  f('转送交办日期', 'date', '本机关收到转送、交办的日期'),
  f('交办文号', 'line', '交办函的文号', 100),
  f('办理要求', 'text', '转送、交办时提出的办理要求'),
  f('报结日期', 'date', '交办件反馈办理结果的期限'),
  // Handling
  f('承办人', 'line', '承办人姓名', 50),
  f('承办人电话', 'line', '承办人联系电话', 50),
  f('处理途径', 'text', '事项的处理途径和程序'),
  f('办结期限', 'date', '应当办结的日期'),
  f('不予受理理由', 'text', '不予受理的情形和理由'),
  f('依据条款', 'text', '法律法规政策依据（条款）'),
  f('有权处理机关', 'line', '应当向其提出的机关、单位或程序'),
  f('原办结期限', 'date', '延期前的办结期限'),
  f('延期理由', 'text', '需要延长办理期限的理由'),
  f('延期天数', 'line', '延长的天数（不超过30日）', 10),
  f('批准日期', 'date', '本机关负责人批准延期的日期'),
  f('延长后办结期限', 'date', '延期后的办结期限'),
  f('调查核实情况', 'text', '调查核实的经过和情况'),
  f('认定事实', 'text', '经调查认定的事实'),
  f('处理意见', 'text', '对每项请求的处理意见（支持、解释说明或不予支持）'),
  f('执行安排', 'text', '支持意见的落实安排'),
  f('复查机关', 'line', '原办理机关的上一级机关、单位（受理复查请求）'),
  f('复查机关地址', 'line', '复查机关的通讯地址'),
  // Review and recheck
  f('原处理意见文号', 'line', '处理意见书的文号', 100),
  f('原处理意见日期', 'date', '处理意见书的日期'),
  f('原办理机关', 'line', '出具处理意见书的机关、单位'),
  f('复查请求', 'text', '信访人请求复查的内容'),
  f('复查请求收到日期', 'date', '收到复查请求的日期'),
  f('复查意见', 'text', '复查意见（维持、撤销、变更或责令重新办理）'),
  f('复查意见文号', 'line', '复查意见书的文号', 100),
  f('复查意见日期', 'date', '复查意见书的日期'),
  f('复核机关', 'line', '复查机关的上一级机关、单位（受理复核请求）'),
  f('复核机关地址', 'line', '复核机关的通讯地址'),
  f('复核请求', 'text', '信访人请求复核的内容'),
  f('复核请求收到日期', 'date', '收到复核请求的日期'),
  f('听证情况', 'text', '是否举行听证及听证日期'),
  f('复核意见', 'text', '复核意见'),
  f('复核意见文号', 'line', '复核意见书的文号', 100),
  f('复核意见日期', 'date', '复核意见书的日期'),
  // Report and service
  f('处理结果', 'text', '处理结果、处理意见书文号及送达情况'),
  f('信访人意见', 'text', '信访人是否签收、是否满意'),
  f('化解稳控情况', 'text', '矛盾化解和稳控情况'),
  f('送达文书名称', 'line', '被送达的文书名称'),
  f('送达文书文号', 'line', '被送达文书的文号', 100),
  f('受送达人', 'line', '受送达人姓名或名称'),
  f('送达地点', 'line', '送达地点'),
  f('送达方式', 'line', '直接送达、邮寄送达或电子送达', 50),
  f('送达人', 'line', '送达人姓名', 100),
  f('备注', 'text', '备注（拒收情况、见证人等）', 1000),
  // A plain 通知 / 函
  f('标题', 'line', '公文标题', 200),
  f('正文', 'text', '公文正文，每段一行', 20000),
];

export const FIELD_BY_NAME: ReadonlyMap<string, FieldSpec> = new Map(FIELD_CATALOGUE.map((s) => [s.name, s]));

/** Fields the program fills itself; they never count as "missing". */
export const AUTO_FIELDS = new Set(FIELD_CATALOGUE.filter((s) => s.kind === 'auto').map((s) => s.name));

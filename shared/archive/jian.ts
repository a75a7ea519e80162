import { LEGAL_DOC_TYPES, XINFANG_FORMS } from '../documents/fields';
import { normalizeForSearch } from '../search/normalize';

/**
 * 件 assembly per DA/T 22-2015 (5.1 件的组成, 5.2 件内排序): 正文与附件为一件；正本与定稿为一件；原件与复制件为一件；
 * 转发文与被转发文为一件；有文件处理单或发文稿纸的与相关文件为一件；来文与复文一般独立成件，也可为一件。
 * Pure rules over the documents' confirmed fields; the archivist accepts, changes or ignores every suggestion.
 */

/** A document's part in its 件; the 正文 is the head whose 题名 the 归档文件目录 lists. */
export const PIECE_ROLES = ['正文', '处理单', '附件', '被转发文', '定稿', '复制件', '来文', '其他'] as const;
export type PieceRole = (typeof PIECE_ROLES)[number];
/** The part of a document that is not the head. */
export type MemberRole = Exclude<PieceRole, '正文'>;

/**
 * Order inside a 件 (DA/T 22 5.2.2): 文件处理单或发文稿纸在前; 正文在前，附件在后; 转发文在前，被转发文在后;
 * 正本在前，定稿在后; 原件在前，复制件在后; 复文在前，来文在后.
 */
const ROLE_ORDER: Readonly<Record<PieceRole, number>> = {
  处理单: 0,
  正文: 1,
  附件: 2,
  被转发文: 3,
  定稿: 4,
  复制件: 5,
  来文: 6,
  其他: 7,
};

export const byRoleOrder = <T extends { readonly role: PieceRole }>(list: readonly T[]): T[] =>
  list
    .map((m, i) => ({ m, i }))
    .sort((a, b) => ROLE_ORDER[a.m.role] - ROLE_ORDER[b.m.role] || a.i - b.i)
    .map(({ m }) => m);

/** What the rules read of a document. */
export interface PieceDoc {
  readonly id: string;
  readonly title: string | null;
  readonly docNumber: string | null;
  readonly docType: string | null;
  readonly issuingBodies: readonly string[];
  readonly attachments: readonly string[];
  readonly referencedDocNumbers: readonly string[];
  readonly signingDate: string | null;
  /** Day the document was filed (or imported), YYYY-MM-DD: a 处理单 is filed beside its document. */
  readonly filedDay: string | null;
  readonly originalName: string;
  /** The first part of the recognised text, read only for 处理单 (which name their document in the text). */
  readonly text?: string;
}

export interface PieceMemberSuggestion {
  readonly id: string;
  readonly role: MemberRole;
  /** Why, in Chinese, shown beside the suggestion. */
  readonly reason: string;
}

export interface PieceSuggestion {
  readonly headId: string;
  /** The other documents of the 件, in DA/T 22 order (without the head). */
  readonly members: readonly PieceMemberSuggestion[];
  /** 来文与复文: may be one 件, usually are not; offered, never pre-selected. */
  readonly optional: boolean;
}

/** Keys made during one `suggestPieces` run: the rules look at a document many times, normalising it once. */
let memo: Map<string, string> | null = null;
const key = (s: string | null | undefined): string => {
  const raw = s ?? '';
  let k = memo?.get(raw);
  if (k === undefined) {
    k = normalizeForSearch(raw).replace(/[^\p{L}\p{N}〔〕]/gu, '');
    memo?.set(raw, k);
  }
  return k;
};

/** 文号 compared after normalisation (brackets, full-width digits, spaces). */
const numberKey = (s: string | null | undefined): string => {
  const k = key(s);
  return k.length >= 4 ? k : '';
};

/** An 附件 line as written (“1．关于…的通知”, “附件：《…》”) reduced to the title it names. */
export function attachmentTitle(line: string): string {
  return key(
    line
      .replace(/^\s*附\s*件\s*[:：]?\s*/, '')
      .replace(/^\s*[0-9０-９一二三四五六七八九十]+\s*[.．、,，:：)）]\s*/, '')
      .replace(/[（(]\s*\d+\s*(?:页|份|张)\s*[)）]\s*$/, ''),
  );
}

/** Titles at least this long are specific enough to be matched inside another text. */
const MIN_TITLE = 6;

/** Whether a text names a title: the same, or holding it whole (a title of at least six characters). */
const names = (text: string, title: string): boolean =>
  text.length > 0 && title.length >= MIN_TITLE && (text === title || text.includes(title));

/** 文件处理单 / 处理笺 / 阅办单 / 发文稿纸 …: a slip filed with the document it was used to handle. */
const SLIP =
  /(?:文件|收文|来文|公文|信访)?(?:处理|办理|阅办|传阅|批办|拟办|呈批)(?:单|笺|签|表|卡)|发文稿[纸笺]|发文处理单|拟稿纸/;
export const isHandlingSlip = (d: Pick<PieceDoc, 'title' | 'docType'>): boolean =>
  SLIP.test(d.docType ?? '') || SLIP.test((d.title ?? '').slice(0, 30));

const FORWARD = /转发|批转|印发|转送/;
const REPLY = /复函|批复|答复|回复|复文/;
const TYPE_ENDING = new RegExp(
  `的?(?:${[...XINFANG_FORMS, ...LEGAL_DOC_TYPES, '复函', '答复', '回复'].sort((a, b) => b.length - a.length).join('|')})$`,
);
/** The matter a title is about: 关于X的请示 and 关于X的批复 share X. */
export const titleSubject = (title: string | null): string => {
  const t = key(title).replace(/^关于/, '');
  return t.replace(TYPE_ENDING, '');
};

/** The part of a 转发 title naming the forwarded document: 关于转发省信访局关于X的通知的通知 → 省信访局关于X的通知. */
function forwardedPart(title: string): string {
  const t = key(title);
  const at = t.search(/转发|批转|印发|转送/);
  if (at < 0) return '';
  return t.slice(at + 2).replace(/的?(?:通知|函|意见|通报)$/, '');
}

const sameBody = (a: PieceDoc, b: PieceDoc): boolean => {
  if (a.issuingBodies.length === 0 || b.issuingBodies.length === 0) return true;
  const x = new Set(a.issuingBodies.map(key));
  return b.issuingBodies.some((n) => x.has(key(n)));
};

interface Link {
  readonly member: string;
  readonly head: string;
  readonly role: MemberRole;
  readonly reason: string;
}

/** Lookups over the documents' normalised titles and 文号, so each rule asks about candidates instead of every pair. */
function indexDocs(docs: readonly PieceDoc[]) {
  const push = <K>(m: Map<K, PieceDoc[]>, k: K, d: PieceDoc) => {
    const l = m.get(k);
    if (l) l.push(d);
    else m.set(k, [d]);
  };
  const byTitle = new Map<string, PieceDoc[]>();
  const byWindow = new Map<string, PieceDoc[]>();
  const byNumber = new Map<string, PieceDoc[]>();
  const byFile = new Map<string, PieceDoc[]>();
  const bySubject = new Map<string, PieceDoc[]>();
  let longest = MIN_TITLE;
  for (const d of docs) {
    const t = key(d.title);
    if (t.length >= MIN_TITLE) {
      push(byTitle, t, d);
      longest = Math.max(longest, t.length);
      // Each title once per distinct six-character window: finds titles holding a given string.
      for (const w of new Set(Array.from({ length: t.length - MIN_TITLE + 1 }, (_, i) => t.slice(i, i + MIN_TITLE))))
        push(byWindow, w, d);
    }
    const n = numberKey(d.docNumber);
    if (n) push(byNumber, n, d);
    const f = key(d.originalName.replace(/\.[A-Za-z0-9]+$/, ''));
    if (f.length >= MIN_TITLE) push(byFile, f, d);
    const subject = titleSubject(d.title);
    if (subject.length >= 4) push(bySubject, subject, d);
  }
  return {
    byNumber,
    bySubject,
    byFile,
    /** Documents whose title (six characters or more) stands whole inside `text`. */
    titlesWithin(text: string): PieceDoc[] {
      const out = new Set<PieceDoc>();
      for (let i = 0; i + MIN_TITLE <= text.length; i++)
        for (let j = i + MIN_TITLE; j <= Math.min(text.length, i + longest); j++)
          for (const d of byTitle.get(text.slice(i, j)) ?? []) out.add(d);
      return [...out];
    },
    /** Documents whose title holds `text` (six characters or more) whole. */
    titlesContaining(text: string): PieceDoc[] {
      if (text.length < MIN_TITLE) return [];
      return (byWindow.get(text.slice(0, MIN_TITLE)) ?? []).filter((d) => key(d.title).includes(text));
    },
    /**
     * Documents whose 文号 stands inside `text` (关于转发国信发〔2023〕5号文件的通知: prose runs into the 机关代字, so
     * every possible start of the code before each 〔YYYY〕N号 is looked up).
     */
    numbersWithin(text: string): PieceDoc[] {
      const out = new Set<PieceDoc>();
      for (const m of text.matchAll(/〔\d{4}〕\d+号/g)) {
        const end = m.index + m[0].length;
        for (let start = m.index; start >= Math.max(0, m.index - 12); start--)
          for (const d of byNumber.get(text.slice(start, end)) ?? []) out.add(d);
      }
      return [...out];
    },
  };
}

/** Documents a document cites by 文号: in its references, or anywhere in its title. */
function citedDocs(d: PieceDoc, idx: ReturnType<typeof indexDocs>): Set<PieceDoc> {
  const out = new Set(idx.numbersWithin(key(d.title)));
  for (const r of d.referencedDocNumbers) for (const o of idx.byNumber.get(numberKey(r)) ?? []) out.add(o);
  return out;
}

/** The rules, strongest first: a document joins the 件 of the first rule that names it. */
function linksOf(docs: readonly PieceDoc[]): { links: Link[]; optional: Link[] } {
  const links: Link[] = [];
  const optional: Link[] = [];
  const idx = indexDocs(docs);
  const label = (d: PieceDoc) => d.docNumber ?? `《${d.title ?? d.originalName}》`;
  const notAfter = (o: PieceDoc, d: PieceDoc) => !(o.signingDate && d.signingDate && o.signingDate > d.signingDate);

  // 处理单: filed the same day as its document, naming it by 文号 or title.
  const byDay = new Map<string, PieceDoc[]>();
  for (const d of docs) if (d.filedDay) byDay.set(d.filedDay, [...(byDay.get(d.filedDay) ?? []), d]);
  for (const slip of docs.filter(isHandlingSlip)) {
    const text = key(slip.text ?? '');
    const cited = new Set([slip.docNumber, ...slip.referencedDocNumbers].map(numberKey).filter(Boolean));
    const targets = (slip.filedDay ? (byDay.get(slip.filedDay) ?? []) : []).filter(
      (d) =>
        d.id !== slip.id &&
        !isHandlingSlip(d) &&
        ((numberKey(d.docNumber) !== '' &&
          (cited.has(numberKey(d.docNumber)) || text.includes(numberKey(d.docNumber)))) ||
          names(text, key(d.title))),
    );
    // Two candidates the same day: the one it names by 文号, else leave it to the archivist.
    const byNo = targets.filter((d) => numberKey(d.docNumber) !== '' && cited.has(numberKey(d.docNumber)));
    const target = targets.length === 1 ? targets[0] : byNo.length === 1 ? byNo[0] : undefined;
    if (target)
      links.push({ member: slip.id, head: target.id, role: '处理单', reason: `同日归档，处理单写有 ${label(target)}` });
  }

  // 附件: a document whose 附件 list names another document's title (or its file name).
  for (const d of docs) {
    for (const line of d.attachments) {
      const wanted = attachmentTitle(line);
      if (wanted.length < 4) continue;
      const found = new Set([
        ...idx.titlesWithin(wanted),
        ...idx.titlesContaining(wanted),
        ...(idx.byFile.get(wanted) ?? []),
      ]);
      for (const o of found)
        if (o.id !== d.id)
          links.push({ member: o.id, head: d.id, role: '附件', reason: `附件说明列有“${line.trim()}”` });
    }
  }

  // 转发文与被转发文: the forwarding notice cites the forwarded 文号 (title or references) or names its title.
  for (const d of docs) {
    const title = d.title ?? '';
    if (!FORWARD.test(title)) continue;
    const byNo = citedDocs(d, idx);
    const byName = idx.titlesWithin(forwardedPart(title));
    for (const o of new Set([...byNo, ...byName])) {
      if (o.id === d.id || !notAfter(o, d)) continue;
      // Another copy of the notice itself is not what it forwards.
      if (numberKey(o.docNumber) !== '' && numberKey(o.docNumber) === numberKey(d.docNumber)) continue;
      links.push({
        member: o.id,
        head: d.id,
        role: '被转发文',
        reason: byNo.has(o) ? `转发文引用文号 ${o.docNumber}` : `转发文标题含“${o.title}”`,
      });
    }
  }

  // 原件与复制件 (正本与定稿): the same 文号 from the same body; the first filed is the head.
  for (const same of idx.byNumber.values()) {
    if (same.length < 2) continue;
    const [first, ...rest] = same;
    for (const o of rest)
      if (sameBody(first!, o) && !isHandlingSlip(o))
        links.push({
          member: o.id,
          head: first!.id,
          role: '复制件',
          reason: `与 ${first!.docNumber} 文号相同，为同一文件的另一份`,
        });
  }

  // 来文与复文: a 复函 / 批复 citing the 来文's 文号 or answering the same matter; optional.
  for (const d of docs) {
    if (!REPLY.test((d.title ?? '') + (d.docType ?? ''))) continue;
    const byNo = citedDocs(d, idx);
    const subject = titleSubject(d.title);
    const bySubject = subject.length >= 4 ? (idx.bySubject.get(subject) ?? []) : [];
    for (const o of new Set([...byNo, ...bySubject])) {
      if (o.id === d.id || REPLY.test(o.title ?? '') || !notAfter(o, d)) continue;
      if (numberKey(o.docNumber) !== '' && numberKey(o.docNumber) === numberKey(d.docNumber)) continue;
      optional.push({
        member: o.id,
        head: d.id,
        role: '来文',
        reason: byNo.has(o) ? `复文引用来文文号 ${o.docNumber}` : `复文与来文事由相同（${subject}）`,
      });
    }
  }
  return { links, optional };
}

/**
 * Suggested 件 among documents not yet in a 件: each document joins at most one 件 (the strongest rule first),
 * a 件 whose head is itself part of another 件 is merged into that one (a 转发文 whose forwarded notice has an
 * 附件), and links that would close a loop are dropped. 来文与复文 come separately, marked optional.
 */
export function suggestPieces(docs: readonly PieceDoc[]): PieceSuggestion[] {
  memo = new Map();
  let found: ReturnType<typeof linksOf>;
  try {
    found = linksOf(docs);
  } finally {
    memo = null;
  }
  const { links, optional } = found;
  const headOf = new Map<string, Link>();
  const rootOf = (id: string, seen = new Set<string>()): string => {
    const l = headOf.get(id);
    if (!l || seen.has(id)) return id;
    seen.add(id);
    return rootOf(l.head, seen);
  };
  for (const l of links) {
    if (headOf.has(l.member) || l.member === l.head) continue;
    // A link whose head already hangs below the member would make a loop.
    if (rootOf(l.head) === l.member) continue;
    headOf.set(l.member, l);
  }
  const order = new Map(docs.map((d, i) => [d.id, i]));
  const groups = new Map<string, PieceMemberSuggestion[]>();
  for (const [member, l] of headOf) {
    const root = rootOf(member);
    groups.set(root, [...(groups.get(root) ?? []), { id: member, role: l.role, reason: l.reason }]);
  }
  const out: PieceSuggestion[] = [...groups]
    .sort(([a], [b]) => order.get(a)! - order.get(b)!)
    .map(([headId, members]) => ({
      headId,
      members: byRoleOrder(members.sort((a, b) => order.get(a.id)! - order.get(b.id)!)),
      optional: false,
    }));
  const grouped = new Set([...groups.keys(), ...headOf.keys()]);
  const taken = new Set<string>();
  for (const l of optional) {
    if (grouped.has(l.member) || grouped.has(l.head) || taken.has(l.member) || taken.has(l.head)) continue;
    taken.add(l.member).add(l.head);
    out.push({ headId: l.head, members: [{ id: l.member, role: l.role, reason: l.reason }], optional: true });
  }
  return out;
}

/** A 件's documents as far as the 目录 and 归档章 need them. */
export interface PieceCatalogueDoc {
  readonly title: string | null;
  readonly docNumber: string | null;
  readonly pages: number;
}

/** 页数: every page of every document in the 件 (DA/T 22: 每件归档文件的页面总数). */
export const piecePages = (docs: readonly Pick<PieceCatalogueDoc, 'pages'>[]): number =>
  docs.reduce((n, d) => n + Math.max(0, d.pages), 0);

/**
 * 题名 of a 件: its head's. 来文与复文 as one 件: the 复文's entry must show what the 来文 asked (DA/T 22), so the
 * 来文's 文号 or title is added when the 复文's own title does not already name it.
 */
export function pieceTitle(
  headTitle: string,
  members: readonly { readonly role: PieceRole; readonly doc: PieceCatalogueDoc }[],
): string {
  const incoming = members.filter((m) => m.role === '来文');
  if (incoming.length === 0) return headTitle;
  const own = key(headTitle);
  const notNamed = incoming
    .map((m) => m.doc)
    .filter((d) => !(numberKey(d.docNumber) && own.includes(numberKey(d.docNumber))))
    .map((d) => [d.docNumber, d.title].filter(Boolean).join(' ') || '来文');
  return notNamed.length ? `${headTitle}（来文：${notNamed.join('；')}）` : headTitle;
}

/** 备注 of a 件 in the 目录: what it holds besides the 正文 (含附件2份、处理单1份). */
export function pieceRemark(members: readonly { readonly role: PieceRole }[]): string {
  const counts = new Map<PieceRole, number>();
  for (const m of members) if (m.role !== '正文') counts.set(m.role, (counts.get(m.role) ?? 0) + 1);
  if (counts.size === 0) return '';
  return `含${PIECE_ROLES.filter((r) => counts.has(r))
    .map((r) => `${r}${counts.get(r)}份`)
    .join('、')}`;
}

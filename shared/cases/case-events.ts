/**
 * The dated events of a 信访件 (《信访工作条例》第二十二、二十三、三十一至三十六条). A case is its event history:
 * state is always rebuilt by replaying it, so nothing is ever edited in place and a mistake is fixed by a
 * recorded `correct` event.
 */
import type { IsoDate } from '../calendar/iso-date';

/** Who registers the case: a 信访部门 routes (第二十二条), any other 机关 handles or routes down (第二十三条). */
export type OfficeKind = 'xinfang_department' | 'organ';
/** How the item reached this office: straight from the petitioner, or 转送 / 交办 from above. */
export type CaseSource = 'direct' | 'transferred' | 'assigned';
/** 建议意见 (第二十九条) / 检举控告 (第三十条) / 申诉求决 (第三十一条). */
export type CaseCategory = 'suggestion' | 'accusation' | 'claim';
/** 第三十一条 (一)–(四): 诉讼 or 复议 and other 政法 procedures, 仲裁, 党员申诉·复审, 行政程序. */
export type DivertRoute = 'litigation' | 'arbitration' | 'party_appeal' | 'administrative';
/** 第三十二条: 予以支持 / 解释说明 / 不予支持. */
export type OpinionOutcome = 'support' | 'explain' | 'not_supported';
/** Which reply an opinion is: the 处理意见书, the 复查意见 (第三十五条) or the 复核意见 (第三十六条). */
export type OpinionLevel = 'handling' | 'review' | 'recheck';

/** Who did what when: every event carries it, so the timeline is the audit trail. */
interface EventBase {
  /** Unique within the case; corrections point at it. */
  readonly id: string;
  /** The date the step happened (a 送达 event: the day the petitioner received the document). */
  readonly on: IsoDate;
  /** The person who recorded it. */
  readonly by: string;
  readonly note?: string;
  /** Wall-clock time of recording, set by the core; not used by the rules. */
  readonly recordedAt?: string;
}

export type RegisterEvent = EventBase & {
  readonly type: 'register';
  /** 收到日期: periods run from here; `on` is the 登记日期. */
  readonly receivedOn: IsoDate;
  readonly officeKind: OfficeKind;
  readonly source: CaseSource;
  readonly category: CaseCategory;
};

export type StepEvent = EventBase &
  (
    | { readonly type: 'transfer'; readonly to: string }
    | { readonly type: 'assign'; readonly to: string; /** 交办函's 指定办理期限. */ readonly reportDueOn: IsoDate }
    | { readonly type: 'accept' }
    | { readonly type: 'decline'; readonly reason: string }
    | { readonly type: 'refer_discipline'; readonly to: string }
    | { readonly type: 'divert'; readonly route: DivertRoute; readonly to: string }
    | { readonly type: 'object'; readonly reason: string }
    | { readonly type: 'notify' }
    | { readonly type: 'extend'; readonly days: number; readonly approvedBy: string; readonly reason: string }
    | { readonly type: 'notify_extension' }
    | { readonly type: 'issue_opinion'; readonly outcome: OpinionOutcome }
    | { readonly type: 'serve' }
    | { readonly type: 'request_review' }
    | { readonly type: 'request_recheck' }
    | { readonly type: 'hearing_start' }
    | { readonly type: 'hearing_end' }
    | { readonly type: 'receive_report' }
    | { readonly type: 'close' }
  );

/** Any event a correction may void or replace. */
export type RecordedEvent = RegisterEvent | StepEvent;

/** Voids a step, or replaces it with a corrected copy of the same type and id; the original stays in history. */
export type CorrectEvent = EventBase &
  (
    | { readonly type: 'correct'; readonly targetId: string; readonly action: 'void'; readonly reason: string }
    | {
        readonly type: 'correct';
        readonly targetId: string;
        readonly action: 'amend';
        readonly reason: string;
        readonly replacement: RecordedEvent;
      }
  );

export type CaseEvent = RecordedEvent | CorrectEvent;

export type StepType = StepEvent['type'];

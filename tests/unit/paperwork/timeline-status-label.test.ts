import { describe, expect, it } from 'vitest';
import { DOCUMENT_ISSUED, timelineStatusLabel } from '../../../shared/paperwork/issued-timeline';

describe('the word for a timeline entry that no longer stands', () => {
  it('calls a cancelled 文号 已作废, as the 发文登记 list does, and an undone step 已撤销', () => {
    expect(timelineStatusLabel({ type: DOCUMENT_ISSUED, status: 'voided' })).toBe('已作废');
    expect(timelineStatusLabel({ type: 'transfer', status: 'voided' })).toBe('已撤销');
    expect(timelineStatusLabel({ type: 'transfer', status: 'amended' })).toBe('已更正');
  });

  it('says nothing for an entry that stands', () => {
    expect(timelineStatusLabel({ type: DOCUMENT_ISSUED, status: 'effective' })).toBeNull();
    expect(timelineStatusLabel({ type: 'accept', status: 'effective' })).toBeNull();
  });
});

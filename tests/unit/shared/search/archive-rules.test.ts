import { describe, expect, it } from 'vitest';
import { allocatePieces, formatArchiveNumber } from '../../../../shared/archive/archive-number';
import { catalogueDate, catalogueTitle } from '../../../../shared/archive/catalogue';
import { suggestRetention } from '../../../../shared/archive/retention';
import { formatRanges, sequenceGaps } from '../../../../shared/archive/sequence-gaps';

describe('DA/T 22 archive rules', () => {
  it('formats a 档号 with and without a 机构 code', () => {
    expect(formatArchiveNumber({ fonds: 'Z109', year: 2011, retention: '永久', org: 'BGS', piece: 1 })).toBe(
      'Z109-WS·2011-Y-BGS-0001',
    );
    expect(formatArchiveNumber({ fonds: 'Z109', year: 2011, retention: '定期30年', org: '', piece: 26 })).toBe(
      'Z109-WS·2011-D30-0026',
    );
  });

  it('continues 件号 per class after the highest number already given', () => {
    const existing = [
      { year: 2019, retention: '永久' as const, org: '', piece: 4 },
      { year: 2019, retention: '定期10年' as const, org: '', piece: 2 },
    ];
    const out = allocatePieces(existing, [
      { year: 2019, retention: '永久' as const, org: '' },
      { year: 2019, retention: '定期30年' as const, org: '' },
      { year: 2019, retention: '永久' as const, org: '' },
    ]);
    expect(out.map((p) => p.piece)).toEqual([5, 1, 6]);
  });

  it('suggests 保管期限 by 文种 and says why', () => {
    expect(suggestRetention({ docType: '决定', issuingBodies: ['国务院'] }).retention).toBe('永久');
    expect(suggestRetention({ docType: '通知', issuingBodies: ['国家信访局'] }).retention).toBe('定期30年');
    expect(
      suggestRetention({ docType: '通知', issuingBodies: ['本县信访局'], ownBodies: ['本县信访局'] }).retention,
    ).toBe('永久');
    const unknown = suggestRetention({ docType: null, issuingBodies: [] });
    expect(unknown.retention).toBe('定期10年');
    expect(unknown.reason).toMatch(/请核对/);
  });

  it('lists the numbers missing from a 文号 sequence as ranges', () => {
    expect(sequenceGaps([1, 2, 4]).missing).toEqual([3]);
    expect(sequenceGaps([3, 9, 4]).missing).toEqual([5, 6, 7, 8]);
    expect(sequenceGaps([1, 1000], 10)).toEqual({ missing: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11], more: 988 });
    expect(formatRanges([3, 5, 6, 7, 9])).toBe('3、5-7、9');
  });

  it('writes catalogue dates in 8 digits and brackets a made-up title', () => {
    expect(catalogueDate('2019-03-05')).toBe('20190305');
    expect(catalogueDate(null)).toBe('');
    expect(catalogueTitle(null, '来信扫描.pdf')).toBe('[来信扫描]');
    expect(catalogueTitle(' 关于X的通知 ', 'a.pdf')).toBe('关于X的通知');
  });
});

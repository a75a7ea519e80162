import { describe, expect, it } from 'vitest';
import {
  SEED_BODIES,
  codeRoot,
  createBodyRegistry,
  learnFromConfirmation,
  type BodyEntry,
} from '../../../../shared/gazetteer/issuing-bodies';

describe('issuing-body registry', () => {
  const registry = createBodyRegistry();

  it('is seeded with central organs and the standing organs of every province', () => {
    const names = SEED_BODIES.map((e) => e.name);
    expect(names).toContain('国家信访局');
    expect(names).toContain('湖南省人民政府办公厅');
    expect(names).toContain('中共广西壮族自治区委员会');
    expect(new Set(names).size).toBe(names.length);
  });

  it('maps a 机关代字 to its body, whatever kind of document the code ends with', () => {
    expect(registry.bodiesForCode('国信发')).toEqual(['国家信访局']);
    expect(registry.bodiesForCode('国办函')).toEqual(['国务院办公厅']);
    expect(registry.bodiesForCode('工信信办')).toEqual(['工业和信息化部办公厅']);
    expect(registry.bodiesForCode('湘政发')).toEqual(['湖南省人民政府']);
    expect(registry.bodiesForCode('青信转')).toEqual([]);
  });

  it('keeps a valid name or alias as written and repairs a name one character off', () => {
    expect(registry.canonical('中华人民共和国工业和信息化部')).toBe('中华人民共和国工业和信息化部');
    expect(registry.canonical('国家信仿局')).toBe('国家信访局');
    expect(registry.canonical('湖南省人民政府办公打')).toBeNull();
  });

  it('never changes an organ suffix and gives up on a tie', () => {
    // 办公室 is another body than 办公厅, even one character apart.
    expect(registry.canonical('湖南省人民政府办公室')).toBeNull();
    // 决西省 is one character from both 山西省 and 陕西省.
    expect(registry.canonical('决西省人民政府')).toBeNull();
  });

  it('repairs a cited code of three or more characters only when the document names its body', () => {
    const learned = createBodyRegistry([{ name: '青禾县信访局', codes: ['青信转'], aliases: [] }]);
    expect(learned.repairCode('青言转', (b) => b === '青禾县信访局')).toBe('青信转');
    expect(learned.repairCode('青言转', () => false)).toBe('青言转');
    // Two-character codes are too close to each other to repair.
    expect(registry.repairCode('莆政', (b) => b === '福建省人民政府')).toBe('莆政');
  });

  it('strips the kind of document from a code root but keeps short codes whole', () => {
    expect(codeRoot('国信发')).toBe('国信');
    expect(codeRoot('柳政信处')).toBe('柳政信处');
    expect(codeRoot('国发')).toBe('国发');
  });
});

describe('learnFromConfirmation', () => {
  it('records the confirmed body with the code of its 文号 and the misreading it corrected', () => {
    const learned = learnFromConfirmation([], {
      suggestedBodies: ['再禾县住房和城乡建设局'],
      confirmedBodies: ['青禾县住房和城乡建设局'],
      agencyCode: '青住建信受',
    });
    expect(learned).toEqual([
      { name: '青禾县住房和城乡建设局', codes: ['青住建信受'], aliases: [], misreadings: ['再禾县住房和城乡建设局'] },
    ]);
    const next = createBodyRegistry(learned);
    expect(next.bodiesForCode('青住建信受')).toEqual(['青禾县住房和城乡建设局']);
    expect(next.canonical('再禾县住房和城乡建设局')).toBe('青禾县住房和城乡建设局');
  });

  it('does not take a body the user replaced with another one as a misreading', () => {
    const learned = learnFromConfirmation([], {
      suggestedBodies: ['国务院'],
      confirmedBodies: ['广东省人民政府'],
      agencyCode: null,
    });
    expect(learned).toEqual([{ name: '广东省人民政府', codes: [], aliases: [], misreadings: [] }]);
  });

  it('returns the same list when the confirmation teaches nothing new, so no write is needed', () => {
    const once: readonly BodyEntry[] = learnFromConfirmation([], {
      suggestedBodies: ['青禾县信访局'],
      confirmedBodies: ['青禾县信访局'],
      agencyCode: '青信转',
    });
    const twice = learnFromConfirmation(once, {
      suggestedBodies: ['青禾县信访局'],
      confirmedBodies: ['青禾县信访局'],
      agencyCode: '青信转',
    });
    expect(twice).toBe(once);
  });

  it('ignores confirmed values that are not body names', () => {
    const none: readonly BodyEntry[] = [];
    expect(learnFromConfirmation(none, { suggestedBodies: [], confirmedBodies: ['', '某某'], agencyCode: null })).toBe(
      none,
    );
  });
});

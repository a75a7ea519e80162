import { describe, expect, it } from 'vitest';
import { missingCitations } from '../../../../shared/archive/related';

const doc = (docNumber: string | null) => ({ fields: { docNumber } });

describe('cited 文号 the archive lacks (相关文件 panel)', () => {
  it('names each cited 文号 no found document carries, once, whatever brackets or digit widths were used', () => {
    const cites = [doc('国信发〔2019〕3号'), doc(null)];
    expect(
      missingCitations(['国信发[2019]3号', '国办发〔2018〕11号', '国办发［２０１８］11号', '冀政字〔2020〕5号'], cites),
    ).toEqual(['国办发〔2018〕11号', '冀政字〔2020〕5号']);
    expect(missingCitations([], cites)).toEqual([]);
    expect(missingCitations(['国信发〔2019〕3号'], [])).toEqual(['国信发〔2019〕3号']);
  });
});

import type { CSSProperties } from 'react';
import type { DocumentModel } from '../../../../shared/paperwork/compose';

/**
 * The document as it will print, drawn from the same model the .docx builder uses: A4 with the GB/T 9704 margins,
 * 3号 text on a 28.95 pt line pitch, the red 红头 and rule. Pages are not split; the .docx is the paginated form.
 */
const FANGSONG = "'仿宋_GB2312', '仿宋', FangSong, STFangsong, 'Noto Serif CJK SC', serif";
const XIAOBIAOSONG = "'方正小标宋简体', '华文中宋', STZhongsong, '宋体', 'Noto Serif CJK SC', serif";
const HEITI = "'黑体', SimHei, 'Noto Sans CJK SC', sans-serif";
const KAITI = "'楷体_GB2312', '楷体', KaiTi, STKaiti, serif";

const page: CSSProperties = {
  width: '210mm',
  minHeight: '297mm',
  boxSizing: 'border-box',
  padding: '37mm 26mm 35mm 28mm',
  background: '#fff',
  boxShadow: '0 1px 6px rgba(0,0,0,0.2)',
  fontFamily: FANGSONG,
  fontSize: '16pt',
  lineHeight: '28.95pt',
  letterSpacing: '-0.25pt',
  color: '#000',
  position: 'relative',
};
const centre: CSSProperties = { textAlign: 'center' };
const red = '#e00';

export function DocumentPreview({ model, zoom = 0.7 }: { model: DocumentModel; zoom?: number }) {
  const letter = model.layout === 'letter';
  return (
    <div style={{ zoom, padding: 8 }} aria-label="文书预览">
      <div style={page}>
        {letter && (
          <div style={{ position: 'absolute', top: '30mm', left: '20mm', right: '20mm' }}>
            <div style={{ ...centre, color: red, fontFamily: XIAOBIAOSONG, fontSize: '30pt', lineHeight: 1.2 }}>
              {model.issuer}
            </div>
            <div style={{ borderTop: `3px solid ${red}`, borderBottom: `1px solid ${red}`, height: 2, marginTop: 4 }} />
          </div>
        )}
        {letter && <div style={{ height: '14mm' }} />}
        {model.layout === 'file' && (
          <>
            <div style={{ height: '35mm' }} />
            <div style={{ ...centre, color: red, fontFamily: XIAOBIAOSONG, fontSize: '36pt', lineHeight: 1.25 }}>
              {model.issuer}
            </div>
            <div style={{ height: '57.9pt' }} />
            <div
              style={{
                display: 'flex',
                justifyContent: model.signer ? 'space-between' : 'center',
                padding: model.signer ? '0 1em' : 0,
                borderBottom: `1px solid ${red}`,
                paddingBottom: '4mm',
              }}
            >
              <span>{model.docNumber}</span>
              {model.signer && (
                <span>
                  签发人：<span style={{ fontFamily: KAITI }}>{model.signer}</span>
                </span>
              )}
            </div>
            <div style={{ height: '57.9pt' }} />
          </>
        )}
        {letter && model.docNumber && <div style={{ textAlign: 'right' }}>{model.docNumber}</div>}
        {letter && model.docNumber && <div style={{ height: '28.95pt' }} />}
        {model.title.split('\n').map((t, i) => (
          <div key={i} style={{ ...centre, fontFamily: XIAOBIAOSONG, fontSize: '22pt', letterSpacing: 0 }}>
            {t}
          </div>
        ))}
        {model.layout === 'plain' && model.docNumber && <div style={centre}>{model.docNumber}</div>}
        <div style={{ height: '28.95pt' }} />
        {model.layout === 'form' ? (
          <table style={{ width: '100%', borderCollapse: 'collapse' }}>
            <tbody>
              {model.rows.map(([label, value], i) => (
                <tr key={i} style={{ height: '57.9pt' }}>
                  <td style={{ border: '1px solid #000', width: '48mm', textAlign: 'center' }}>{label}</td>
                  <td style={{ border: '1px solid #000', padding: '0 6pt' }}>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <>
            {model.addressee && <div>{model.addressee}</div>}
            {model.body.map((p, i) => (
              <div key={i} style={{ textIndent: '2em', textAlign: 'justify' }}>
                {p.level > 0 ? (
                  <>
                    <span style={{ fontFamily: p.level === 1 ? HEITI : KAITI }}>{p.lead}</span>
                    {p.text.slice(p.lead.length)}
                  </>
                ) : (
                  p.text
                )}
              </div>
            ))}
            {model.attachments.length > 0 && (
              <div style={{ marginTop: '28.95pt', paddingLeft: '2em' }}>
                {model.attachments.map((a, i) => (
                  <div key={i} style={{ paddingLeft: i === 0 ? 0 : '3em' }}>
                    {i === 0 ? '附件：' : ''}
                    {model.attachments.length > 1 ? `${i + 1}. ` : ''}
                    {a}
                  </div>
                ))}
              </div>
            )}
            {(model.signature || model.date) && (
              <div style={{ marginTop: '57.9pt', display: 'flex', justifyContent: 'flex-end', paddingRight: '4em' }}>
                <div style={{ textAlign: 'center' }}>
                  <div>{model.signature}</div>
                  <div>{model.date}</div>
                </div>
              </div>
            )}
            {model.note && <div style={{ paddingLeft: '2em' }}>（{model.note}）</div>}
          </>
        )}
        {(model.cc || (!letter && model.printedBy)) && (
          <div
            style={{
              marginTop: '28.95pt',
              fontSize: '14pt',
              borderTop: letter ? undefined : '1.3px solid #000',
              borderBottom: letter ? undefined : '1.3px solid #000',
            }}
          >
            {model.cc && (
              <div
                style={{ padding: '0 1em', borderBottom: !letter && model.printedBy ? '1px solid #000' : undefined }}
              >
                抄送：{model.cc}
              </div>
            )}
            {!letter && model.printedBy && (
              <div style={{ padding: '0 1em', display: 'flex', justifyContent: 'space-between' }}>
                <span>{model.printedBy}</span>
                <span>{model.printedDate}印发</span>
              </div>
            )}
          </div>
        )}
      </div>
    </div>
  );
}

import { Button, Flex, Modal, Typography } from 'antd';
import type { PieceView } from '../../../../shared/api/archive.dat22.contract';
import { STAMP_LAYOUT, STAMP_SIZE_MM } from '../../../../shared/archive/stamp';

const [W, H] = STAMP_SIZE_MM;

/** The stamp's look, on screen and on paper; rendered once by the archiving panel (`StampStyles`). */
const STAMP_CSS = `
.xfd-stamp-sheet { display: flex; flex-wrap: wrap; gap: 4mm; }
.xfd-stamp { width: ${W}mm; height: ${H}mm; border: 0.4mm solid #c00; box-sizing: border-box; display: grid;
  grid-template-columns: repeat(3, 1fr); grid-template-rows: 1fr 1fr; color: #000; font-size: 2.6mm; }
.xfd-stamp > div { border: 0.2mm solid #c00; display: flex; flex-direction: column; align-items: center;
  justify-content: center; line-height: 1.1; overflow: hidden; text-align: center; }
.xfd-stamp .xfd-cell-label { font-size: 1.9mm; color: #c00; }
`;

/**
 * Printed with the page's own print (Chromium and Electron alike, offline): only the sheet is visible in print,
 * laid out in millimetres so each 归档章 comes out 45 × 16 mm on A4 at 实际大小, to be cut out and stuck on the
 * 件's first page or used as the fill-in guide for the rubber stamp.
 */
const PRINT_CSS = `
@media print {
  @page { size: A4; margin: 12mm; }
  body * { visibility: hidden !important; }
  .xfd-stamp-print, .xfd-stamp-print * { visibility: visible !important; }
  .xfd-stamp-print { position: absolute; left: 0; top: 0; width: 186mm; }
}
`;

export const StampStyles = () => <style>{STAMP_CSS}</style>;

/** One 归档章 with its six cells (DA/T 22-2015: 全宗号 / 年度 / 件号 above, 机构（问题） / 保管期限 / 页数 below). */
export function Stamp({ piece }: { piece: PieceView }) {
  if (!piece.stamp) return null;
  const cells = piece.stamp;
  return (
    <div className="xfd-stamp" role="group" aria-label={`归档章 ${piece.entry?.archiveNumber ?? ''}`}>
      {STAMP_LAYOUT.flat().map((name) => (
        <div key={name}>
          <span className="xfd-cell-label">{name}</span>
          <span>{cells[name] || ' '}</span>
        </div>
      ))}
    </div>
  );
}

/** The year's 归档章 as a sheet to print; opened from the archiving panel. */
export function StampSheetModal({
  year,
  pieces,
  open,
  onClose,
}: {
  year: number;
  pieces: readonly PieceView[];
  open: boolean;
  onClose: () => void;
}) {
  const numbered = pieces
    .filter((p) => p.stamp)
    .sort((a, b) => a.entry!.archiveNumber.localeCompare(b.entry!.archiveNumber));
  return (
    <Modal
      title={`${year} 年度归档章（${numbered.length} 件，每枚 ${W}×${H} 毫米）`}
      open={open}
      onCancel={onClose}
      width={860}
      footer={
        <Flex justify="space-between" align="center">
          <Typography.Text type="secondary">
            打印时只输出下面的归档章；请在打印设置中选择“实际大小”（不缩放）。
          </Typography.Text>
          <Button type="primary" disabled={numbered.length === 0} onClick={() => window.print()}>
            打印归档章
          </Button>
        </Flex>
      }
    >
      <style>{PRINT_CSS}</style>
      {numbered.length === 0 ? (
        <Typography.Text>这一年度还没有编档号的件。请先编制档号。</Typography.Text>
      ) : (
        <div className="xfd-stamp-print">
          <div className="xfd-stamp-sheet">
            {numbered.map((p) => (
              <Flex key={p.head.id} vertical gap={2}>
                <Stamp piece={p} />
                <Typography.Text style={{ fontSize: 10 }}>{p.entry!.archiveNumber}</Typography.Text>
              </Flex>
            ))}
          </div>
        </div>
      )}
    </Modal>
  );
}

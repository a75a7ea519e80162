import { AppError } from '../../../../shared/errors/app-error';

/** The AppErrors the reader throws: stable codes, Chinese messages naming the file and saying what to do. */
export const readerErrors = {
  empty: (name: string) =>
    new AppError('file.empty', `文件“${name}”是空的（0 字节），无法读取。请检查文件是否完整复制或下载，然后重新导入。`),

  unsupported: (name: string, what: string) =>
    new AppError(
      'file.unsupported_type',
      `文件“${name}”的格式（${what}）暂不支持。请转换为 PDF、JPEG、PNG 或 TIFF 后再导入。`,
    ),

  notWhatItClaims: (name: string, claimed: string, actual: string) =>
    new AppError(
      'file.corrupt',
      `文件“${name}”的扩展名表明它是 ${claimed}，但内容不是（${actual}），无法读取。请确认选对了文件，或用原软件重新导出后再导入。`,
    ),

  tiffCompression: (name: string, scheme: string, cause?: unknown) =>
    new AppError(
      'file.unsupported_type',
      `TIFF 图片“${name}”使用了本程序无法解码的压缩方式（${scheme}），无法读取。请在扫描软件中改用 CCITT G4、LZW 或 JPEG 压缩重新保存，或另存为 PDF、PNG 后再导入。`,
      { cause },
    ),

  imageCorrupt: (name: string, cause?: unknown) =>
    new AppError(
      'file.corrupt',
      `图片“${name}”已损坏或不完整，无法读取。请重新扫描，或从原处重新复制该文件后再导入。`,
      { cause },
    ),

  imageTooLarge: (name: string, width: number, height: number, maxPixels: number) =>
    new AppError(
      'image.too_large',
      `图片“${name}”尺寸过大（${width}×${height} 像素，上限约 ${Math.round(maxPixels / 1e6)} 百万像素），为避免内存耗尽已停止读取。请用 200–300 dpi 重新扫描，或缩小图片后再导入。`,
    ),

  pdfEncrypted: (name: string) =>
    new AppError('pdf.encrypted', `文件“${name}”已加密（有打开密码），无法读取。请先用 PDF 软件去掉密码后再导入。`),

  pdfNoPages: (name: string) =>
    new AppError('pdf.no_pages', `PDF 文件“${name}”没有任何页面，无法读取。请用原软件重新导出或重新扫描后再导入。`),

  pdfCorrupt: (name: string, cause?: unknown) =>
    new AppError(
      'pdf.corrupt',
      `PDF 文件“${name}”已损坏，无法读取。请用 PDF 阅读器确认能否打开；能打开的话请“另存为”或“打印为 PDF”后再导入，否则请重新扫描。`,
      { cause },
    ),

  modelMissing: (detail: string, cause?: unknown) =>
    new AppError(
      'ocr.model_missing',
      `找不到文字识别所需的语言模型（${detail}），无法识别扫描件。请重新安装本程序；如仍出现，请把这段话发给技术支持。`,
      { cause },
    ),

  ocrTimeout: (name: string, what: string, seconds: number) =>
    new AppError(
      'ocr.timeout',
      `识别文件“${name}”时${what}超过 ${seconds} 秒仍未完成，已停止。请关闭其他占用电脑的程序后重试；如反复出现，可把该页重新扫描（200–300 dpi、黑白或灰度）后再导入。`,
    ),

  engineFailed: (name: string, cause?: unknown) =>
    new AppError(
      'ocr.failed',
      `识别文件“${name}”时文字识别引擎未能启动。请关闭其他占用内存的程序后重试；如反复出现，请重新安装本程序。`,
      { cause },
    ),

  ocrFailed: (name: string, page: number, cause?: unknown) =>
    new AppError('ocr.failed', `文件“${name}”第 ${page} 页文字识别失败。请重试；如反复出现，请重新扫描该页后再导入。`, {
      cause,
    }),
};

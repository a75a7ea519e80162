/**
 * Issuing-body abbreviations (县住建局 ⇄ 县住房和城乡建设局). A small table of the department names offices
 * shorten most, kept apart so the issuing-body registry of shared/documents can replace it: `bodyAliases`
 * is the one function the search index calls.
 */
const PAIRS: readonly (readonly [short: string, full: string])[] = [
  ['住建', '住房和城乡建设'],
  ['人社', '人力资源和社会保障'],
  ['发改委', '发展和改革委员会'],
  ['发改局', '发展和改革局'],
  ['卫健委', '卫生健康委员会'],
  ['卫健局', '卫生健康局'],
  ['市监局', '市场监督管理局'],
  ['市场监管局', '市场监督管理局'],
  ['自然资源局', '自然资源和规划局'],
  ['资规局', '自然资源和规划局'],
  ['环保局', '环境保护局'],
  ['农委', '农业委员会'],
  ['教体局', '教育和体育局'],
  ['文旅局', '文化和旅游局'],
  ['文广旅局', '文化广电和旅游局'],
  ['应急局', '应急管理局'],
  ['退役军人局', '退役军人事务局'],
  ['医保局', '医疗保障局'],
  ['交通局', '交通运输局'],
  ['经信局', '经济和信息化局'],
  ['工信局', '工业和信息化局'],
  ['城管局', '城市管理局'],
  ['综合执法局', '综合行政执法局'],
  ['政府办', '人民政府办公室'],
  ['县府办', '县人民政府办公室'],
  ['市府办', '市人民政府办公室'],
];

/** Every other name the same body goes by under the table (not including `name` itself). */
export function bodyAliases(name: string): string[] {
  const out = new Set<string>();
  for (const [short, full] of PAIRS) {
    if (short === full) continue;
    if (name.includes(full)) out.add(name.replace(full, short));
    else if (name.includes(short)) out.add(name.replace(short, full));
  }
  out.delete(name);
  return [...out];
}

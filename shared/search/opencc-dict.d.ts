/** opencc-js ships its dictionaries as plain ES modules without type declarations. */
declare module 'opencc-js/dict/TSCharacters' {
  /** `trad simp [simp2 …]|…`: traditional characters and their simplified forms, first one preferred. */
  const dict: string;
  export default dict;
}

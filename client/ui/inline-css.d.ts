/** Vite's `?inline` import: the built CSS as a string, for a constructed stylesheet. */
declare module '*.css?inline' {
  const css: string;
  export default css;
}

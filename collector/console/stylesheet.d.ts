/** Vite's plain CSS import: the rules go to the built console.css beside the script, which the page links. */
declare module '*.css';

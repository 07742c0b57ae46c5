interface ImportMetaEnv {
  readonly VITE_GYRE_API_URL?: string;
}
interface ImportMeta {
  readonly env: ImportMetaEnv;
}

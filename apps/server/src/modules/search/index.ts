export {
  createSearchService,
  RANKED_MATCHES,
  SCAN_LIMIT,
  type SearchService,
  type SearchServiceDeps,
} from './search.service.ts';
export type {
  SearchableCase,
  SearchCandidate,
  SearchFilter,
  SearchRepository,
  SearchText,
} from './search.repository.ts';
export { compileQuery, toFtsMatch, toTsQuery, type CompiledQuery, type QueryTerm } from './search-query.ts';
export {
  analysedLength,
  buildSearchDocument,
  ftsColumns,
  MAX_DOCUMENT_BYTES,
  MAX_DOCUMENT_CHARS,
  MAX_DOCUMENT_TERMS,
  tsvectorLiteral,
  type SearchDocument,
} from './search-document.ts';
export { searchRoutes } from './search.routes.ts';
